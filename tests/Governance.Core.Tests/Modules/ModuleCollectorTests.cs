using Governance.Core.Modules;
using Xunit;

namespace Governance.Core.Tests.Modules;

public class ModuleCollectorTests
{
    [Fact]
    public void Declarations_of_one_module_are_one_entry_with_every_site_in_order()
    {
        var modules = new ModuleCollector<string>(namespaceGranularity: false);
        Assert.Equal("Contoso.Cache", modules.Add("Contoso", "Cache", "Cache`1"));
        Assert.Equal("Contoso.Cache", modules.Add("Contoso", "Cache", "Cache`2"));
        Assert.Equal("Program", modules.Add("", "Program", "top-level statements"));
        Assert.Equal("Contoso.Split", modules.Add("Contoso", "Split", "A.cs"));
        Assert.Equal("Contoso.Split", modules.Add("Contoso", "Split", "B.cs"));

        Assert.Equal(["Contoso.Cache", "Program", "Contoso.Split"], modules.Names());
        Assert.Equal(["Cache`1", "Cache`2"], modules.Modules[0].Sites);
        Assert.Equal(["A.cs", "B.cs"], modules.Modules[2].Sites);
    }

    [Fact]
    public void At_namespace_granularity_a_namespace_is_one_module_and_a_global_type_its_own()
    {
        var modules = new ModuleCollector<int>(namespaceGranularity: true);
        modules.Add("Contoso.Billing", "Invoice", 1);
        modules.Add("Contoso.Billing", "Ledger", 2);
        modules.Add("", "Global", 3);
        modules.Add("Contoso.Billing.Tax", "Rate", 4);

        Assert.Equal(["Contoso.Billing", "Global", "Contoso.Billing.Tax"], modules.Names());
        Assert.Equal([1, 2], modules.Modules[0].Sites);
    }

    [Theory]
    [InlineData("Contoso", "<PrivateImplementationDetails>", false)]
    [InlineData("Contoso", "", false)]
    [InlineData("Contoso.<Evil>", "Helper", false)]
    [InlineData("System.Runtime.CompilerServices", "NullableAttribute", true)]
    public void What_is_not_a_module_is_not_collected(string ns, string name, bool compilerEmbedded)
    {
        var modules = new ModuleCollector<int>(namespaceGranularity: false);
        Assert.Null(modules.Add(ns, name, 0, compilerEmbedded));
        Assert.Empty(modules.Modules);
    }

    [Theory]
    [InlineData("Contoso..Evil")]
    [InlineData(".Contoso")]
    [InlineData("Contoso.")]
    public void A_namespace_with_an_empty_segment_is_not_a_module(string ns) =>
        Assert.False(ModuleDefinition.IsModule(ns, "Helper", compilerGeneratedAndEmbedded: false));
}

using Governance.Core.Modules;
using Xunit;

namespace Governance.Core.Tests.Modules;

public class ModuleDefinitionTests
{
    [Theory]
    [InlineData("Contoso.Payments", "Client", false, "Contoso.Payments.Client")]
    [InlineData("Contoso.Payments", "Client", true, "Contoso.Payments")]
    [InlineData("", "Program", false, "Program")]
    [InlineData("", "Program", true, "Program")]
    public void A_module_is_named_by_namespace_and_type_at_either_granularity(string ns, string type, bool namespaceGranularity, string expected) =>
        Assert.Equal(expected, ModuleDefinition.NameOf(ns, type, namespaceGranularity));

    [Theory]
    [InlineData("Cache`1", "Cache")]
    [InlineData("Pair`2", "Pair")]
    [InlineData("Plain", "Plain")]
    public void Generic_arity_is_not_part_of_the_name(string metadataName, string expected) => Assert.Equal(expected, ModuleDefinition.WithoutArity(metadataName));

    [Theory]
    [InlineData("<Module>")]
    [InlineData("<PrivateImplementationDetails>")]
    [InlineData("<>f__AnonymousType0")]
    [InlineData("<>y__InlineArray2")]
    public void Types_the_compiler_synthesizes_are_not_modules(string name) => Assert.False(ModuleDefinition.IsModule("Contoso", name, compilerGeneratedAndEmbedded: false));

    [Theory]
    [InlineData("Client")]
    [InlineData("_internal")]
    [InlineData("Größe")]
    [InlineData("class")] // @class in source
    [InlineData("ExfiltratorⅠ")] // a letter number (Nl), legal in C# identifiers
    [InlineData("\U0001D400Helper")] // a letter outside the Basic Multilingual Plane
    public void Every_name_source_can_spell_is_a_module(string name) => Assert.True(ModuleDefinition.IsModule("Contoso", name, compilerGeneratedAndEmbedded: false));

    [Theory]
    [InlineData("<Program>F1B2C3D4E5F60718__Implant", "Implant")]
    [InlineData("<Evil_cs>FA0__Helper", "Helper")]
    [InlineData("<Module>", null)]
    [InlineData("<>f__AnonymousType0", null)]
    [InlineData("<Program>Fxyz__Helper", null)]
    [InlineData("Plain", null)]
    public void A_file_local_type_is_the_module_of_its_declared_name(string metadataName, string? expected) =>
        Assert.Equal(expected, ModuleDefinition.FileLocalName(metadataName));

    [Fact]
    public void An_embedded_attribute_is_exempt_only_with_the_compilers_marks()
    {
        Assert.False(ModuleDefinition.IsModule("System.Runtime.CompilerServices", "NullableAttribute", compilerGeneratedAndEmbedded: true));
        // Declared in source under the same name, without [CompilerGenerated] + [Embedded]: a module like any other.
        Assert.True(ModuleDefinition.IsModule("System.Runtime.CompilerServices", "NullableAttribute", compilerGeneratedAndEmbedded: false));
        // The marks on a type of another name exempt nothing.
        Assert.True(ModuleDefinition.IsModule("Contoso", "Sneaky", compilerGeneratedAndEmbedded: true));
    }
}

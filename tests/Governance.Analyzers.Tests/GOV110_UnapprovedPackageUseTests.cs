using Microsoft.CodeAnalysis;
using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

namespace Governance.Analyzers.Tests;

public class GOV110_UnapprovedPackageUseTests
{
    [Theory]
    [InlineData("/home/u/.nuget/packages/newtonsoft.json/13.0.3/lib/net6.0/Newtonsoft.Json.dll", "newtonsoft.json", "13.0.3")]
    [InlineData(@"C:\Users\u\.nuget\packages\polly.core\8.4.2\lib\netstandard2.0\Polly.Core.dll", "polly.core", "8.4.2")]
    [InlineData("/usr/share/dotnet/packs/Microsoft.NETCore.App.Ref/10.0.0/ref/net10.0/System.Runtime.dll", null, null)]
    [InlineData("/repo/lib/Vendor.Blob.dll", null, null)]
    [InlineData("/home/u/.nuget/packages/microsoft.netcore.app.ref/8.0.31/ref/net8.0/System.Runtime.dll", null, null)]
    [InlineData("/home/u/.nuget/packages/microsoft.aspnetcore.app.ref/8.0.31/ref/net8.0/Microsoft.AspNetCore.dll", null, null)]
    public void Package_identity_comes_from_the_packages_folder_layout(string path, string? id, string? version)
    {
        var package = typeof(UsageAnalyzer).GetNestedType("State", System.Reflection.BindingFlags.NonPublic)!
            .GetMethod("PackageOf", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, [path]);
        Assert.Equal(id is null ? null : (object)(id, version), package);
    }

    private static GovernanceAnalyzerTest UsingFakeJson() => new GovernanceAnalyzerTest(new UsageAnalyzer())
        .Baseline("Contoso.App.Service")
        .Reference(MetadataReference.CreateFromImage(
            FakePackage.Build("Fake.Json", "Fake.Json", "public static class JsonConvert { public static string Serialize(object o) => \"\"; }"),
            filePath: "/home/u/.nuget/packages/fake.json/1.2.3/lib/net8.0/Fake.Json.dll"))
        .Source("/repo/src/Payments/Service.cs", "using Fake.Json;\nnamespace Contoso.App { public class Service { public string S() => JsonConvert.Serialize(1); } }");

    [Fact]
    public async Task Using_and_types_of_an_unapproved_package_are_reported_approved_ones_are_not()
    {
        await UsingFakeJson()
            .Expect(
                Diagnostic("GOV110").WithLocation("/repo/src/Payments/Service.cs", 1, 7).WithMessage(
                    "'Fake.Json' comes from package fake.json 1.2.3, which is not approved for 'src/Payments/Payments.csproj'. Remove the use, or approve the package in a plan."),
                Diagnostic("GOV110").WithLocation("/repo/src/Payments/Service.cs", 2, 69).WithMessage(
                    "'Fake.Json.JsonConvert' comes from package fake.json 1.2.3, which is not approved for 'src/Payments/Payments.csproj'. Remove the use, or approve the package in a plan."))
            .RunAsync();

        await UsingFakeJson()
            .Plan("p.json", "{ \"dispatchId\": \"d-1\", \"approvedBy\": \"a@b.c\", \"approvedAt\": \"2026-11-20T10:00:00Z\", \"packages\": [{ \"id\": \"Fake.Json\" }] }")
            .RunAsync();
    }
}

using System.Text;
using Governance.Core.Files;

namespace Governance.Performance;

/// <summary>What a synthetic repository carries besides its code.</summary>
internal enum Variant
{
    /// <summary>No analyzer package: the reference build.</summary>
    None,

    /// <summary>Governance.Analyzers with a baseline and approved plans covering every type.</summary>
    Governance,

    /// <summary>Microsoft.CodeAnalysis.BannedApiAnalyzers 5.6.0 with a banned-symbols file of comparable size.</summary>
    Peer,
}

/// <summary>The shape of a generated repository.</summary>
internal sealed record Shape(string Name, int Projects, int TypesPerProject, int NamespacesPerProject, bool Generators = false)
{
    public static readonly Shape Single = new("1 project × 10,000 types", 1, 10_000, 100);
    public static readonly Shape Multi = new("40 projects × 250 types", 40, 250, 5);

    /// <summary>Code as real projects have it beside other source generators: every file a [GeneratedRegex], a
    /// [LoggerMessage] and anonymous types, every namespace a System.Text.Json context (issue 12, item 7).</summary>
    public static readonly Shape WithGenerators = new("1 project × 2,000 types, with source generators", 1, 2_000, 20, Generators: true);

    public int TypesPerNamespace => TypesPerProject / NamespacesPerProject;

    public string ProjectName(int p) => Projects == 1 ? "Big" : "P" + p.ToString("00");

    public string ProjectPath(int p) => $"src/{ProjectName(p)}/{ProjectName(p)}.csproj";

    /// <summary>Namespaces are grouped ten to a group so that a ten-pattern plan can cover them with "G.**".</summary>
    public string Namespace(int p, int n) => $"Contoso.{ProjectName(p)}.G{n / 10}.M{n % 10}";

    /// <summary>A binary tree of project references: every project but the first references the one above it.</summary>
    public int? Parent(int p) => p == 0 ? null : (p - 1) / 2;

    /// <summary>A handful of packages, spread over the projects (only in the multi-project shape).</summary>
    public IEnumerable<(string Id, string Version)> Packages(int p)
    {
        if (Generators)
        {
            yield return ("Microsoft.Extensions.Logging.Abstractions", "10.0.0");
            yield break;
        }

        if (Projects == 1)
        {
            yield break;
        }

        if (p % 4 == 1)
        {
            yield return ("Newtonsoft.Json", "13.0.3");
        }

        if (p % 5 == 2)
        {
            yield return ("NuGet.Versioning", "7.0.3");
        }

        if (p % 7 == 3)
        {
            yield return ("System.CommandLine", "2.0.0");
        }
    }
}

/// <summary>
/// Writes a synthetic repository: the same code for every variant, generated deterministically, so that the only
/// difference between the builds compared is the analyzer package and its data.
/// </summary>
internal sealed class SyntheticRepo
{
    public SyntheticRepo(string root, Shape shape, Variant variant, string packageFolder)
    {
        Root = root;
        Shape = shape;
        Variant = variant;
        PackageFolder = packageFolder;
    }

    public string Root { get; }
    public Shape Shape { get; }
    public Variant Variant { get; }
    public string PackageFolder { get; }

    public string Solution => Path.Combine(Root, "Repo.slnx");

    /// <summary>Projects with one seed type each: what the baseline is taken from.</summary>
    public void WriteSkeleton()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        Directory.CreateDirectory(Root);

        // A repository of its own: nothing inherited from folders above (this one is generated inside ours).
        Write(".editorconfig", "root = true\n");
        Write("Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        Write("Directory.Build.targets", "<Project />\n");
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{PackageFolder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        Write("Directory.Build.props", Variant switch
        {
            Variant.Governance => """
                <Project>
                  <ItemGroup>
                    <PackageReference Include="Governance.Analyzers" Version="1.0.0" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """,
            Variant.Peer => """
                <Project>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.CodeAnalysis.BannedApiAnalyzers" Version="5.6.0" PrivateAssets="all" />
                    <AdditionalFiles Include="$(MSBuildThisFileDirectory)BannedSymbols.txt" />
                  </ItemGroup>
                </Project>
                """,
            _ => "<Project />\n",
        });
        if (Variant == Variant.Governance)
        {
            Directory.CreateDirectory(Path.Combine(Root, ".governance", "plans"));
            File.WriteAllText(Path.Combine(Root, GovernancePaths.RootMarker), "Marks the governance root.\n");
        }

        var solution = new StringBuilder("<Solution>\n");
        for (var p = 0; p < Shape.Projects; p++)
        {
            var project = new StringBuilder("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <Nullable>enable</Nullable>\n  </PropertyGroup>\n  <ItemGroup>\n");
            if (Shape.Parent(p) is { } parent)
            {
                project.Append($"    <ProjectReference Include=\"../{Shape.ProjectName(parent)}/{Shape.ProjectName(parent)}.csproj\" />\n");
            }

            foreach (var (id, version) in Shape.Packages(p))
            {
                project.Append($"    <PackageReference Include=\"{id}\" Version=\"{version}\" />\n");
            }

            project.Append("  </ItemGroup>\n</Project>\n");
            Write(Shape.ProjectPath(p), project.ToString());
            Write($"src/{Shape.ProjectName(p)}/Seed.cs", $"namespace Contoso.{Shape.ProjectName(p)};\n\npublic static class Seed\n{{\n}}\n");
            solution.Append($"  <Project Path=\"{Shape.ProjectPath(p)}\" />\n");
        }

        Write("Repo.slnx", solution.Append("</Solution>\n").ToString());
        if (Variant == Variant.Peer)
        {
            Write("BannedSymbols.txt", BannedSymbols());
        }
    }

    /// <summary>The code the baseline has not seen: every type, ten to a file, each using the type before it, the
    /// first type of a project using a type of its parent project, and package APIs where the project has them.</summary>
    public void WriteCode()
    {
        for (var p = 0; p < Shape.Projects; p++)
        {
            for (var n = 0; n < Shape.NamespacesPerProject; n++)
            {
                var ns = Shape.Namespace(p, n);
                for (var start = 0; start < Shape.TypesPerNamespace; start += 10)
                {
                    var file = new StringBuilder(Shape.Generators
                        ? $"using System.Linq;\nusing System.Text.RegularExpressions;\nusing Microsoft.Extensions.Logging;\n\nnamespace {ns};\n\n{(start == 0 ? JsonContext(n) : string.Empty)}"
                        : $"namespace {ns};\n\n");
                    for (var t = start; t < Math.Min(start + 10, Shape.TypesPerNamespace); t++)
                    {
                        var dependency = t > 0
                            ? $"Type{t - 1}"
                            : Shape.Parent(p) is { } parent && n == 0 ? $"{Shape.Namespace(parent, 0)}.Type0" : "object";
                        var value = t > 0 || (Shape.Parent(p) is not null && n == 0) ? "other.Value + Value + _calls" : "other.GetHashCode() + Value + _calls";
                        var packageUse = Shape.Generators ? (t == start ? GeneratorUses : AnonymousUse) : t == 0 && n == 0 ? PackageUse(p) : string.Empty;

                        // Instance state everywhere, so that no analyzer of the SDK has a finding to report (CA1822
                        // would otherwise flag every member): the builds time checking, not reporting.
                        file.Append($$"""
                            public sealed partial class Type{{t}}
                            {
                                private int _calls;

                                public int Value { get; } = {{t}};

                                public int Work({{dependency}} other) => {{value}};

                                public void Unused()
                                {
                                    _calls++;
                                }
                            {{packageUse}}}


                            """);
                    }

                    Write($"src/{Shape.ProjectName(p)}/{ns.Substring(ns.IndexOf(".G", StringComparison.Ordinal) + 1).Replace('.', '/')}/Types{start:000}.cs", file.ToString());
                }
            }
        }
    }

    // System.Text.Json names its generated files after the context's simple name: one name per namespace.
    private static string JsonContext(int n) =>
        $"[System.Text.Json.Serialization.JsonSerializable(typeof(Type0))]\ninternal sealed partial class JsonContext{n} : System.Text.Json.Serialization.JsonSerializerContext\n{{\n}}\n\n";

    private const string AnonymousUse = "\n    public int Pairs(int[] values) => values.Select(v => new { v, Doubled = v * 2 + _calls }).Sum(p => p.Doubled);\n";

    private const string GeneratorUses = AnonymousUse + """

            [GeneratedRegex("^[a-z]+-\\d+$")]
            private static partial Regex Sku();

            [LoggerMessage(Level = LogLevel.Debug, Message = "Matched {Text} after {Calls} calls")]
            private static partial void Matched(ILogger logger, string text, int calls);

            public bool Match(ILogger logger, string text)
            {
                Matched(logger, text, _calls);
                return Sku().IsMatch(text) && text.Length > _calls;
            }

        """;

    private string PackageUse(int p)
    {
        var uses = new StringBuilder();
        foreach (var (id, _) in Shape.Packages(p))
        {
            uses.Append(id switch
            {
                "Newtonsoft.Json" => "\n    public static string Json(object value) => Newtonsoft.Json.JsonConvert.SerializeObject(value);\n",
                "NuGet.Versioning" => "\n    public static bool Version(string text) => NuGet.Versioning.NuGetVersion.TryParse(text, out _);\n",
                _ => "\n    public static System.CommandLine.RootCommand Command() => new(\"perf\");\n",
            });
        }

        return uses.ToString();
    }

    /// <summary>One approved plan per project, covering its code with <paramref name="patterns"/> module patterns
    /// (10, 1,000 or 10,000 in the single-project shape; every pattern is used, so GOV005 stays quiet).</summary>
    public void WritePlans(int patterns)
    {
        var plans = Path.Combine(Root, ".governance", "plans");
        foreach (var old in Directory.GetFiles(plans, "*.json"))
        {
            File.Delete(old);
        }

        for (var p = 0; p < Shape.Projects; p++)
        {
            // The Regex generator's file-local helpers are modules of the project like any other (README, "The
            // baseline"): the plan that brings the regexes in approves them.
            var modules = ModulePatterns(p, patterns).Concat(Shape.Generators ? ["System.Text.RegularExpressions.Generated.**"] : []).Select(m => "\"" + m + "\"");
            Write($".governance/plans/perf-{p:00}.json", $$"""
                {
                  "dispatchId": "perf-{{p:00}}",
                  "task": "Synthetic code for the performance harness",
                  "agent": "generator",
                  "approvedBy": "perf@example.com",
                  "approvedAt": "2026-01-01T00:00:00Z",
                  "projects": ["{{Shape.ProjectPath(p)}}"],
                  "modules": [{{string.Join(", ", modules)}}]
                }

                """);
        }
    }

    private IEnumerable<string> ModulePatterns(int p, int patterns)
    {
        var groups = (Shape.NamespacesPerProject + 9) / 10;
        if (patterns <= groups)
        {
            // "Contoso.Big.G0.**" ... : any depth.
            return Enumerable.Range(0, groups).Select(g => $"Contoso.{Shape.ProjectName(p)}.G{g}.**");
        }

        // One "namespace.*" per namespace, then exact type names until the count is reached (exact names only for
        // types the namespace patterns cover too: every pattern is used, and the most specific one is credited).
        var oneLevel = Enumerable.Range(0, Shape.NamespacesPerProject).Select(n => Shape.Namespace(p, n) + ".*");
        var exact = Enumerable.Range(0, Shape.TypesPerNamespace)
            .SelectMany(t => Enumerable.Range(0, Shape.NamespacesPerProject).Select(n => $"{Shape.Namespace(p, n)}.Type{t}"));
        if (patterns >= Shape.TypesPerProject)
        {
            return exact;
        }

        return oneLevel.Concat(exact).Take(patterns);
    }

    /// <summary>Banned symbols of the same count as the plan's patterns: methods that exist and are never called, so
    /// the peer does its full lookup work without reporting anything.</summary>
    private string BannedSymbols()
    {
        var text = new StringBuilder();
        var perProject = Math.Max(1, 1000 / Shape.Projects);
        for (var p = 0; p < Shape.Projects; p++)
        {
            for (var i = 0; i < perProject; i++)
            {
                var n = i % Shape.NamespacesPerProject;
                var t = i / Shape.NamespacesPerProject;
                text.Append($"M:{Shape.Namespace(p, n)}.Type{t}.Unused;Synthetic ban for the performance harness\n");
            }
        }

        return text.ToString();
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}

using System.Diagnostics;
using System.Text;
using Governance.Core.Files;
using Governance.Core.Json;
using Governance.Core.Plans;
using Governance.Core.Policy;

namespace Governance.Cli;

/// <summary>`plan new | approve | show`: write and approve a plan without knowing the format by heart.</summary>
internal static class PlanCommands
{
    public const string SchemaUri = "https://raw.githubusercontent.com/governance-analyzers/Governance.Analyzers/main/src/Governance.Core/Schemas/plan.schema.json";

    public static int New(string id, string task, string? agent, string[] modules, string[] packages, string[] projectReferences, string[] projects, string? expires, string? root, TextWriter output, TextWriter error,
        string[]? assemblyReferences = null, string[]? frameworkReferences = null)
    {
        var governanceRoot = root ?? GovernancePaths.FindRootAbove(Directory.GetCurrentDirectory());
        if (governanceRoot is null)
        {
            error.WriteLine("plan new: no governance root (" + GovernancePaths.RootMarker + ") at or above " + Directory.GetCurrentDirectory() + "; pass --root, or run 'dotnet governance init' at the repository root.");
            return 1;
        }

        var members = new List<KeyValuePair<string, JsonValue>> { P("$schema", JsonValue.String(SchemaUri)), P("dispatchId", JsonValue.String(id)), P("task", JsonValue.String(task)) };
        if (agent is not null)
        {
            members.Add(P("agent", JsonValue.String(agent)));
        }

        if (expires is not null)
        {
            members.Add(P("expiresAt", JsonValue.String(expires)));
        }

        if (projects.Length > 0)
        {
            members.Add(P("projects", JsonValue.Array(projects.Select(JsonValue.String))));
        }

        members.Add(P("modules", JsonValue.Array(modules.Select(JsonValue.String))));
        if (packages.Length > 0)
        {
            members.Add(P("packages", JsonValue.Array(packages.Select(p =>
            {
                var at = p.IndexOf('@');
                return at < 0
                    ? JsonValue.Object([P("id", JsonValue.String(p))])
                    : JsonValue.Object([P("id", JsonValue.String(p[..at])), P("version", JsonValue.String(p[(at + 1)..]))]);
            }))));
        }

        if (projectReferences.Length > 0)
        {
            members.Add(P("projectReferences", JsonValue.Array(projectReferences.Select(JsonValue.String))));
        }

        if (assemblyReferences is { Length: > 0 })
        {
            members.Add(P("assemblyReferences", JsonValue.Array(assemblyReferences.Select(JsonValue.String))));
        }

        if (frameworkReferences is { Length: > 0 })
        {
            members.Add(P("frameworkReferences", JsonValue.Array(frameworkReferences.Select(JsonValue.String))));
        }

        var text = JsonWriter.Serialize(JsonValue.Object(members), indented: true) + "\n";
        var path = Path.Combine(governanceRoot, ".governance", "plans", id + ".json");
        var check = PlanReader.Read(path, text);
        if (check.Plan is null)
        {
            Report(check.Issues, text, error);
            return 1;
        }

        if (File.Exists(path))
        {
            error.WriteLine("plan new: " + path + " already exists; choose another --id.");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        output.WriteLine("Wrote proposal " + path + ". Have it approved with: dotnet governance plan approve " + path + " --by <you> --key <private key>");
        return 0;
    }

    public static int Approve(string file, string by, string? key, string? expires, string? now, TextWriter output, TextWriter error)
    {
        var text = File.ReadAllText(file);
        var read = PlanReader.Read(file, text);
        if (read.Plan is null)
        {
            Report(read.Issues, text, error);
            return 1;
        }

        var approvedAt = now ?? Timestamps.Format(DateTimeOffset.UtcNow);
        var members = read.Plan.Root.Properties
            .Where(p => Array.IndexOf(PlanReader.ApprovalProperties, p.Name) < 0 && !(expires is not null && p.Name == "expiresAt"))
            .Select(p => P(p.Name, p.Value)).ToList();
        if (expires is not null)
        {
            members.Add(P("expiresAt", JsonValue.String(expires)));
        }

        members.Add(P("approvedBy", JsonValue.String(by)));
        members.Add(P("approvedAt", JsonValue.String(approvedAt)));
        var unsigned = JsonWriter.Serialize(JsonValue.Object(members), indented: true) + "\n";
        var check = PlanReader.Read(file, unsigned);
        if (check.Plan is null)
        {
            Report(check.Issues, unsigned, error);
            return 1;
        }

        if (key is not null)
        {
            var signature = Sign(PlanAssessor.CanonicalContent(check.Plan), key, error);
            if (signature is null)
            {
                return 1;
            }

            members.Add(P("signature", JsonValue.String(signature)));
        }

        File.WriteAllText(file, JsonWriter.Serialize(JsonValue.Object(members), indented: true) + "\n", new UTF8Encoding(false));
        output.WriteLine("Approved " + file + " as " + by + (key is null ? " (unsigned)." : " and signed with " + key + "."));
        return 0;
    }

    public static int Show(string file, string? now, TextWriter output, TextWriter error)
    {
        var text = File.ReadAllText(file);
        var read = PlanReader.Read(file, text);
        if (read.Plan is null)
        {
            Report(read.Issues, text, error);
            return 1;
        }

        var plan = read.Plan;
        var at = now is null ? DateTimeOffset.UtcNow : Timestamps.TryParse(now, out _) ?? DateTimeOffset.UtcNow;
        var assessment = PlanAssessor.Assess(plan, at, SignaturePolicy.None);
        output.WriteLine("Plan " + plan.DispatchId + ": " + (plan.Task ?? "(no task)"));
        output.WriteLine("  state:    " + assessment.State + " — plan " + assessment.Reason);
        output.WriteLine("  signed:   " + (plan.Signature is null ? "no" : "yes (verified by the build against GovernanceAllowedSigners)"));
        output.WriteLine("  projects: " + (plan.Projects is null ? "all" : string.Join(", ", plan.Projects)));
        output.WriteLine("  modules:  " + string.Join(", ", plan.Modules.Select(m => m.Value.Text)));
        output.WriteLine("  packages: " + string.Join(", ", plan.Packages.Select(p => p.Value.Id + (p.Value.VersionRange is null ? string.Empty : " " + p.Value.VersionRange))));
        output.WriteLine("  project references: " + string.Join(", ", plan.ProjectReferences.Select(r => r.Value)));
        return 0;
    }

    public static int Baseline(string? target, string[] extra, TextWriter output, TextWriter error)
    {
        var arguments = new List<string> { "build" };
        if (target is not null)
        {
            arguments.Add(target);
        }

        arguments.Add("-p:GovernanceUpdateBaseline=true");
        arguments.AddRange(extra);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Signs with `ssh-keygen -Y sign` (the key may be encrypted or held by an agent; the CLI never reads it).</summary>
    private static string? Sign(byte[] content, string key, TextWriter error)
    {
        var temp = Path.Combine(Path.GetTempPath(), "governance-plan-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(temp, content);
        try
        {
            var info = new ProcessStartInfo("ssh-keygen") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-Y", "sign", "-f", key, "-n", "governance-plan", temp })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(temp + ".sig"))
            {
                error.WriteLine("plan approve: ssh-keygen could not sign: " + stderr.Trim());
                return null;
            }

            return File.ReadAllText(temp + ".sig").Replace("\r\n", "\n").TrimEnd('\n');
        }
        catch (System.ComponentModel.Win32Exception)
        {
            error.WriteLine("plan approve: ssh-keygen was not found; install OpenSSH (openssh-client) to sign plans.");
            return null;
        }
        finally
        {
            File.Delete(temp);
            File.Delete(temp + ".sig");
        }
    }

    private static void Report(IEnumerable<GovernanceFileIssue> issues, string text, TextWriter error)
    {
        var lines = new LineIndex(text);
        foreach (var issue in issues)
        {
            var position = lines.GetPosition(issue.Offset);
            error.WriteLine(issue.Path + "(" + position.Line + "," + position.Column + "): error " + issue.RuleId + ": " + issue.Message);
        }
    }

    private static KeyValuePair<string, JsonValue> P(string name, JsonValue value) => new(name, value);
}

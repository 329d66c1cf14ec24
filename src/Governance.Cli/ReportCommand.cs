using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Json;
using Governance.Core.Receipts;
using Governance.Core.Rules;
using static Governance.Cli.Ledger;

namespace Governance.Cli;

/// <summary>`report`: one build's receipts as Markdown (job summary), SARIF 2.1.0 (code scanning) or an in-toto
/// Statement v1 (attestation). Receipt text may have been written by an agent: it is always escaped.</summary>
internal static class ReportCommand
{
    /// <summary>GitHub's limit for $GITHUB_STEP_SUMMARY.</summary>
    public const int StepSummaryLimit = 1024 * 1024;

    public const string PredicateType = "https://governance-analyzers.dev/receipt/v1";

    public static int Run(string ledgerPath, string? commit, string format, string? outputPath, TextWriter output, TextWriter error, string? build = null)
    {
        LedgerVerification verification;
        try
        {
            verification = LedgerVerifier.VerifyFile(ledgerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("report: cannot read the ledger '" + ledgerPath + "': " + ex.Message);
            return VerifyCommand.Unreadable;
        }

        var receipts = Ledger.Select(verification, commit, build);
        string text;
        switch (format.ToLowerInvariant())
        {
            case "markdown":
                text = Markdown(receipts, verification, commit);
                break;
            case "sarif":
                text = JsonWriter.Serialize(Sarif(receipts), indented: true) + "\n";
                break;
            case "intoto":
                text = JsonWriter.Serialize(InToto(receipts, verification, commit), indented: true) + "\n";
                break;
            default:
                error.WriteLine("report: --format must be markdown, sarif or intoto.");
                return VerifyCommand.Usage;
        }

        if (outputPath is null)
        {
            output.Write(text);
        }
        else
        {
            File.WriteAllText(outputPath, text, new UTF8Encoding(false));
        }

        return VerifyCommand.Ok;
    }

    internal static string Markdown(IReadOnlyList<JsonValue> receipts, LedgerVerification verification, string? commit)
    {
        var header = new StringBuilder();
        var worst = Worst(receipts);
        header.Append("## Governance: ").Append(Icon(worst)).Append(' ').Append(worst).Append("\n\n");
        var decidedByCheck = receipts.Count > 0 && receipts.All(r => Str(r["source"]) == "check");
        header.Append(receipts.Count).Append(decidedByCheck ? " receipt(s) of `dotnet governance check`" : " receipt(s)").Append(commit is null ? string.Empty : " for commit `" + Escape(commit) + "`")
            .Append("; ledger ").Append(verification.IsIntact ? "intact" : "**not intact**: " + Escape(verification.Problems[0].ToString())).Append(".\n\n");
        header.Append("| Project | Framework | Verdict | Plans | Findings |\n|---|---|---|---|---|\n");

        var rows = new List<string>();
        foreach (var r in receipts)
        {
            rows.Add("| " + Escape(Str(r["project"])) + " | " + Escape(Str(r["targetFramework"])) + " | " + Icon(Str(r["verdict"])) + " " + Escape(Str(r["verdict"]))
                + " | " + Escape(string.Join(", ", r["dispatchIds"]?.Items.Select(i => Str(i)) ?? [])) + " | " + (r["violations"]?.Items.Count ?? 0) + " |\n");
        }

        var findings = new List<string>();
        foreach (var (v, frameworks) in GroupedFindings(receipts))
        {
            var where = Str(v["file"]) + (Int(v["line"]) > 0 ? ":" + Int(v["line"]) : string.Empty) + (frameworks.Count > 1 ? " (" + string.Join(", ", frameworks) + ")" : string.Empty);
            findings.Add("| " + Escape(Str(v["id"])) + " | " + Escape(Str(v["severity"])) + " | " + Escape(where) + " | " + Escape(Str(v["message"])) + " |\n");
        }

        const string findingsHeader = "\n### Findings\n\n| Rule | Severity | Where | Message |\n|---|---|---|---|\n";
        var body = new StringBuilder(header.ToString());
        var all = rows.Select(r => (Row: r, Table: 0)).Concat(findings.Select(f => (Row: f, Table: 1))).ToList();
        var cut = 0;
        var reserve = 400; // room for the findings header and the note on what was cut
        var inFindings = false;
        foreach (var (row, table) in all)
        {
            if (table == 1 && !inFindings)
            {
                inFindings = true;
                if (Encoding.UTF8.GetByteCount(body.ToString()) + findingsHeader.Length + reserve < StepSummaryLimit)
                {
                    body.Append(findingsHeader);
                }
            }

            if (cut > 0 || Encoding.UTF8.GetByteCount(body.ToString()) + Encoding.UTF8.GetByteCount(row) + reserve > StepSummaryLimit)
            {
                cut++;
                continue;
            }

            body.Append(row);
        }

        if (cut > 0)
        {
            body.Append("\n_").Append(cut).Append(" rows were cut to stay under the 1 MiB job-summary limit; see the SARIF report for all of them._\n");
        }

        return body.ToString();
    }

    /// <summary>Escapes receipt text for Markdown tables: no markup, no HTML, no row breaks can be injected.</summary>
    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r':
                case '\n':
                    builder.Append(' ');
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '|': case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '!': case '~':
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Each finding once, with the target frameworks whose receipts have it: a multi-targeted project reports the same
    /// finding in every inner build, and a report that repeats it per framework buries the others.
    /// </summary>
    internal static List<(JsonValue Violation, List<string> Frameworks)> GroupedFindings(IReadOnlyList<JsonValue> receipts)
    {
        var groups = new List<(JsonValue Violation, List<string> Frameworks)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var receipt in receipts)
        {
            var framework = Str(receipt["targetFramework"]);
            foreach (var v in receipt["violations"]?.Items ?? [])
            {
                var key = string.Join("\u0001", Str(receipt["project"]), Str(v["id"]), Str(v["severity"]), Str(v["file"]), Int(v["line"]).ToString(CultureInfo.InvariantCulture),
                    Int(v["column"]).ToString(CultureInfo.InvariantCulture), Str(v["message"]), Str(v["suppressedBy"]));
                if (byKey.TryGetValue(key, out var at))
                {
                    if (framework.Length > 0 && !groups[at].Frameworks.Contains(framework))
                    {
                        groups[at].Frameworks.Add(framework);
                    }

                    continue;
                }

                byKey[key] = groups.Count;
                groups.Add((v, framework.Length > 0 ? [framework] : []));
            }
        }

        return groups;
    }

    internal static JsonValue Sarif(IReadOnlyList<JsonValue> receipts)
    {
        var rules = RuleCatalog.All;
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var results = new List<JsonValue>();
        foreach (var (v, frameworks) in GroupedFindings(receipts))
        {
            {
                var id = Str(v["id"]);
                var file = Str(v["file"]);
                var members = new List<KeyValuePair<string, JsonValue>>
                {
                    P("ruleId", JsonValue.String(id)),
                    P("level", JsonValue.String(Level(Str(v["severity"])))),
                    P("message", JsonValue.Object([P("text", JsonValue.String(Str(v["message"])))])),
                };
                if (index.TryGetValue(id, out var ruleIndex))
                {
                    members.Insert(1, P("ruleIndex", JsonValue.Number(ruleIndex)));
                }

                if (file.Length > 0)
                {
                    var physical = new List<KeyValuePair<string, JsonValue>>
                    {
                        P("artifactLocation", JsonValue.Object([P("uri", JsonValue.String(file.Replace('\\', '/'))), P("uriBaseId", JsonValue.String("%SRCROOT%"))])),
                    };
                    if (Int(v["line"]) > 0)
                    {
                        var region = new List<KeyValuePair<string, JsonValue>> { P("startLine", JsonValue.Number(Int(v["line"]))) };
                        if (Int(v["column"]) > 0)
                        {
                            region.Add(P("startColumn", JsonValue.Number(Int(v["column"]))));
                        }

                        physical.Add(P("region", JsonValue.Object(region)));
                    }

                    members.Add(P("locations", JsonValue.Array([JsonValue.Object([P("physicalLocation", JsonValue.Object(physical))])])));
                }

                // Stable across line moves: what the finding is about, not where it currently sits.
                var subject = v["subject"]?.StringValue ?? Str(v["message"]);
                members.Add(P("partialFingerprints", JsonValue.Object([P("governance/v1", JsonValue.String(Sha256(id + "|" + file + "|" + subject)))])));
                if (frameworks.Count > 0)
                {
                    members.Add(P("properties", JsonValue.Object([P("targetFrameworks", JsonValue.Array(frameworks.Select(JsonValue.String)))])));
                }

                results.Add(JsonValue.Object(members));
            }
        }

        var version = receipts.Select(r => Str(r["toolVersion"])).FirstOrDefault(v => v.Length > 0) ?? "1.0.0";
        var driver = JsonValue.Object(
        [
            P("name", JsonValue.String("Governance.Analyzers")),
            P("informationUri", JsonValue.String("https://github.com/governance-analyzers/Governance.Analyzers")),
            P("version", JsonValue.String(version)),
            P("rules", JsonValue.Array(rules.Select(r => JsonValue.Object(
            [
                P("id", JsonValue.String(r.Id)),
                P("name", JsonValue.String(string.Concat(r.Title.Split(' ', '-').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1))))),
                P("shortDescription", JsonValue.Object([P("text", JsonValue.String(r.Title))])),
                P("fullDescription", JsonValue.Object([P("text", JsonValue.String(r.Summary))])),
                P("helpUri", JsonValue.String(r.HelpUri)),
                P("help", JsonValue.Object([P("text", JsonValue.String(r.Summary + " See " + r.HelpUri))])),
                P("defaultConfiguration", JsonValue.Object([P("level", JsonValue.String(Level(r.Severity.ToString().ToLowerInvariant())))])),
            ])))),
        ]);
        return JsonValue.Object(
        [
            P("$schema", JsonValue.String("https://json.schemastore.org/sarif-2.1.0.json")),
            P("version", JsonValue.String("2.1.0")),
            P("runs", JsonValue.Array([JsonValue.Object(
            [
                P("tool", JsonValue.Object([P("driver", driver)])),
                P("originalUriBaseIds", JsonValue.Object([P("%SRCROOT%", JsonValue.Object([P("description", JsonValue.Object([P("text", JsonValue.String("The governance root."))]))]))])),
                P("results", JsonValue.Array(results)),
            ])])),
        ]);
    }

    internal static JsonValue InToto(IReadOnlyList<JsonValue> receipts, LedgerVerification verification, string? commit)
    {
        var subjects = new List<JsonValue>();
        var gitCommit = commit ?? receipts.Select(r => r["commit"]?.StringValue).FirstOrDefault(c => c is not null);
        if (gitCommit is not null)
        {
            subjects.Add(JsonValue.Object([P("name", JsonValue.String("git+commit:" + gitCommit)), P("digest", JsonValue.Object([P("gitCommit", JsonValue.String(gitCommit))]))]));
        }

        foreach (var plan in receipts.SelectMany(r => r["planDigests"]?.Items ?? []).GroupBy(p => Str(p["path"]) + "|" + Str(p["sha256"])).Select(g => g.First()).OrderBy(p => Str(p["path"]), StringComparer.Ordinal))
        {
            subjects.Add(JsonValue.Object([P("name", JsonValue.String(Str(plan["path"]))), P("digest", JsonValue.Object([P("sha256", JsonValue.String(Str(plan["sha256"])))]))]));
        }

        var head = verification.Records.Count == 0 ? ReceiptChain.GenesisHash : Str(verification.Records[^1].Value["hash"]);
        return JsonValue.Object(
        [
            P("_type", JsonValue.String("https://in-toto.io/Statement/v1")),
            P("subject", JsonValue.Array(subjects)),
            P("predicateType", JsonValue.String(PredicateType)),
            P("predicate", JsonValue.Object(
            [
                P("verdict", JsonValue.String(Worst(receipts))),
                P("ledgerHead", JsonValue.String(head)),
                P("ledgerIntact", JsonValue.Bool(verification.IsIntact)),
                P("receipts", JsonValue.Array(receipts.Select(r => JsonValue.Object(
                [
                    P("project", JsonValue.String(Str(r["project"]))),
                    P("targetFramework", JsonValue.String(Str(r["targetFramework"]))),
                    P("verdict", JsonValue.String(Str(r["verdict"]))),
                    P("hash", JsonValue.String(Str(r["hash"]))),
                    P("dispatchIds", JsonValue.Array(r["dispatchIds"]?.Items ?? [])),
                ])))),
            ])),
        ]);
    }

    private static string Worst(IReadOnlyList<JsonValue> receipts)
    {
        var verdicts = receipts.Select(r => Str(r["verdict"])).ToList();
        return verdicts.Count == 0 ? "no receipts" : verdicts.Contains("hold") ? "hold" : verdicts.Contains("approve_with_followup") ? "approve_with_followup" : "approve";
    }

    private static string Icon(string verdict) => verdict switch
    {
        "approve" => "✅",
        "approve_with_followup" => "⚠️",
        _ => "⛔",
    };

    private static string Level(string severity) => severity switch
    {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static KeyValuePair<string, JsonValue> P(string name, JsonValue value) => new(name, value);
}

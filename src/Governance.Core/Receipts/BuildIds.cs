using System;

namespace Governance.Core.Receipts;

/// <summary>
/// Which build a receipt belongs to, so that <c>verify --build</c> reads the receipts of one build of a commit and not
/// a mix of several. MSBuild gives a task nothing that names one invocation across its nodes, so the id is what the
/// build is told (<c>GovernanceBuildId</c>) or what the CI system says about the run; null on a developer's machine.
/// A grouping key, not evidence: the branch under test can set it to anything, like every other build property.
/// </summary>
public static class BuildIds
{
    public static string? Resolve(string? configured, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured!.Trim();
        }

        // GitHub Actions: a re-run keeps the run id and counts the attempt, so both name the build.
        if (Value(environment, "GITHUB_RUN_ID") is { } run)
        {
            return "github-actions/" + run + (Value(environment, "GITHUB_RUN_ATTEMPT") is { } attempt ? "/" + attempt : string.Empty);
        }

        if (Value(environment, "BUILD_BUILDID") is { } azure)
        {
            return "azure-pipelines/" + azure;
        }

        return Value(environment, "CI_JOB_ID") is { } gitlab ? "gitlab/" + gitlab : null;
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

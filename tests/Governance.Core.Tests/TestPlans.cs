using Governance.Core.Plans;

namespace Governance.Core.Tests;

internal static class TestPlans
{
    public const string ApprovedPlan = """
        {
          "dispatchId": "d-2471",
          "task": "Add a retry policy to the payment client",
          "agent": "any text",
          "approvedBy": "alice@example.com",
          "approvedAt": "2026-11-20T10:00:00Z",
          "expiresAt": "2026-12-20T00:00:00Z",
          "projects": ["src/Payments/Payments.csproj"],
          "modules": ["Contoso.Payments.Retry.**", "Contoso.Payments.RetryOptions"],
          "packages": [{ "id": "Polly.Core", "version": "[8.4.0,9.0.0)" }],
          "projectReferences": ["src/Resilience/Resilience.csproj"]
        }
        """;

    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static DispatchPlan Read(string text, string path = "/repo/.governance/plans/plan.json")
    {
        var result = PlanReader.Read(path, text);
        if (result.Plan is null)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Issues));
        }

        return result.Plan;
    }
}

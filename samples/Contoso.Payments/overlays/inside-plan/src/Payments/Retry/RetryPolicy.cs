using Contoso.Resilience;

namespace Contoso.Payments.Retry;

/// <summary>The agent's change inside plan d-2471: retries a charge with backoff.</summary>
public sealed class RetryPolicy(RetryOptions options)
{
    public async Task<bool> ExecuteAsync(Func<CancellationToken, Task<bool>> action, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await action(cancellationToken) || attempt >= options.MaxAttempts)
            {
                return attempt <= options.MaxAttempts;
            }

            await Task.Delay(Backoff.Delay(attempt, options.InitialDelay, options.MaxDelay), cancellationToken);
        }
    }
}

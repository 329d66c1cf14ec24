namespace Contoso.Payments;

public sealed record RetryOptions(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay);

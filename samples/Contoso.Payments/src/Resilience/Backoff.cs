namespace Contoso.Resilience;

/// <summary>Exponential backoff with a cap, shared by clients that retry.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max)
    {
        var ticks = initial.Ticks * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromTicks((long)Math.Min(ticks, max.Ticks));
    }
}

namespace Governance.Performance;

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>"min–max" of the runs, the spread the table shows next to each median.</summary>
    public static string Spread(IReadOnlyList<double> values, string format) =>
        values.Count == 0 ? "—" : values.Min().ToString(format) + "–" + values.Max().ToString(format);
}

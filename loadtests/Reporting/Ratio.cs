namespace LiveCommerce.LoadTests.Reporting;

/// <summary>The comparisons of the bench: LiveCommerce over the baseline, and the largest audience held.</summary>
public static class Ratio
{
    /// <summary>a / b, or null when either is missing or b is zero (no ratio is better than a false one).</summary>
    public static double? Of(double? a, double? b) =>
        a is { } x && b is { } y && y != 0 && !double.IsNaN(x) && !double.IsNaN(y) ? Math.Round(x / y, 3) : null;

    /// <summary>The largest audience whose run held every viewer, delivered (nearly) everything and kept p99 under the limit.</summary>
    public static int? LargestHeld(IEnumerable<ScalePoint> points, double p99LimitMs, double minDeliveredShare = 0.999) =>
        points.Where(p => p.Joined >= p.Requested && p.DeliveredShare >= minDeliveredShare && p.P99Ms < p99LimitMs)
            .Select(p => (int?)p.Requested).Max();
}

/// <summary>One fan-out run at a given audience size.</summary>
public sealed record ScalePoint(int Requested, int Joined, double P99Ms, double DeliveredShare);

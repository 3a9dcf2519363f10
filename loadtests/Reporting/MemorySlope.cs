namespace LiveCommerce.LoadTests.Reporting;

/// <summary>The trend of the server's memory over a soak: least-squares slope of RSS over time, in MB per minute.</summary>
public static class MemorySlope
{
    /// <summary>Null with fewer than three samples or no spread in time.</summary>
    public static double? MbPerMinute(IReadOnlyList<(double Seconds, double Mb)> samples)
    {
        if (samples.Count < 3) return null;
        var meanT = samples.Average(p => p.Seconds);
        var meanM = samples.Average(p => p.Mb);
        var spread = samples.Sum(p => (p.Seconds - meanT) * (p.Seconds - meanT));
        if (spread <= 0) return null;
        var perSecond = samples.Sum(p => (p.Seconds - meanT) * (p.Mb - meanM)) / spread;
        return Math.Round(perSecond * 60, 3);
    }
}

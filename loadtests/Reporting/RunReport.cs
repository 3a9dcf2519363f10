namespace LiveCommerce.LoadTests.Reporting;

/// <summary>One step's totals in the report.</summary>
public sealed record StepReport(string Name, long Ok, long Failed, IReadOnlyDictionary<string, long> Errors, double OkPerSecond, LatencySummary Latency);

/// <summary>CPU and memory a process used during the run.</summary>
public sealed record ResourceUse(double CpuSeconds, double CpuPercentOfOneCore, double RssStartMb, double RssPeakMb, double RssEndMb);

/// <summary>Everything a run produced; written as report.json and rendered as report.md.</summary>
public sealed record RunReport
{
    public required string Scenario { get; init; }
    public required string Description { get; init; }
    public required string Target { get; init; }
    public required IReadOnlyList<string> Urls { get; init; }
    public required string Protocol { get; init; }
    public required DateTime StartedAt { get; init; }
    public required double DurationSeconds { get; init; }
    /// <summary><c>completed</c>, <c>interrupted</c> (Ctrl+C), <c>time limit</c> or <c>failed: ...</c>.</summary>
    public required string Outcome { get; init; }
    public required IReadOnlyDictionary<string, object?> Settings { get; init; }
    public required IReadOnlyList<StepReport> Steps { get; init; }
    public required IReadOnlyDictionary<string, object> Figures { get; init; }
    public required IReadOnlyDictionary<string, long> Counters { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required ResourceUse Generator { get; init; }
    public ResourceUse? Server { get; init; }
    public required string Machine { get; init; }
    public required Dictionary<string, List<double[]>> Series { get; init; }

    public StepReport? Step(string name) => Steps.FirstOrDefault(s => s.Name == name);

    public double? Number(string figure) => Figures.TryGetValue(figure, out var v) ? v switch
    {
        double d => d,
        int i => i,
        long l => l,
        float f => f,
        decimal m => (double)m,
        _ => null,
    } : null;
}

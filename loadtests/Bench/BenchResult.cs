using System.Text.Json;

namespace LiveCommerce.LoadTests.Bench;

/// <summary>One scenario run of the bench, read back from its report.json.</summary>
public sealed class BenchResult
{
    public required BenchLoad Load { get; init; }
    public required BenchTarget Target { get; init; }
    public required string Folder { get; init; }
    public string Outcome { get; init; } = "missing";
    public Dictionary<string, JsonElement> Figures { get; init; } = [];
    public double GeneratorCpuPercent { get; init; }
    public double ServerCpuPercent { get; init; }
    public double DurationSeconds { get; init; }

    /// <summary>Above this share of its core the generator, not the server, sets the pace: such a run is not compared.</summary>
    public const double GeneratorBoundPercent = 85;

    /// <summary>The generator's CPU over the measured phase (the sends of a fan-out, a stampede), else over the run.</summary>
    public double GeneratorLoadPercent => Number("sendGeneratorCpuPercent") ?? Number("stampedeGeneratorCpuPercent") ?? GeneratorCpuPercent;

    public bool GeneratorBound => Outcome != "missing" && GeneratorLoadPercent > GeneratorBoundPercent;

    public double? Number(string figure) =>
        Figures.TryGetValue(figure, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public string? Text(string figure) =>
        Figures.TryGetValue(figure, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    public static BenchResult Read(BenchLoad load, BenchTarget target, string folder)
    {
        var path = Path.Combine(folder, "report.json");
        if (!File.Exists(path)) return new BenchResult { Load = load, Target = target, Folder = folder };
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        double Cpu(string who) => root.TryGetProperty(who, out var r) && r.ValueKind == JsonValueKind.Object ? r.GetProperty("cpuPercentOfOneCore").GetDouble() : 0;
        return new BenchResult
        {
            Load = load,
            Target = target,
            Folder = folder,
            Outcome = root.GetProperty("outcome").GetString() ?? "?",
            Figures = root.GetProperty("figures").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
            GeneratorCpuPercent = Cpu("generator"),
            ServerCpuPercent = Cpu("server"),
            DurationSeconds = root.GetProperty("durationSeconds").GetDouble(),
        };
    }
}

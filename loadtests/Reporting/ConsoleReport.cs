using System.Globalization;
using Spectre.Console;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>The table printed at the end of a run.</summary>
public static class ConsoleReport
{
    public static void Print(RunReport r, string? folder)
    {
        var steps = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{r.Scenario}[/] → {Markup.Escape(r.Target)} · {r.DurationSeconds:0.0}s · {Markup.Escape(r.Outcome)}");
        steps.AddColumns("step", "ok", "failed", "ok/s", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
        foreach (var s in r.Steps)
            steps.AddRow(Markup.Escape(s.Name), s.Ok.ToString("N0"), s.Failed.ToString("N0"), s.OkPerSecond.ToString("N1"),
                F(s.Latency.P50Ms), F(s.Latency.P95Ms), F(s.Latency.P99Ms), F(s.Latency.P999Ms), F(s.Latency.MaxMs),
                Markup.Escape(string.Join(", ", s.Errors.Select(e => $"{e.Key}×{e.Value}"))));
        AnsiConsole.Write(steps);

        var figures = new Table().Border(TableBorder.Rounded).Title("figures");
        figures.AddColumns("figure", "value");
        foreach (var (k, v) in r.Figures.OrderBy(f => f.Key, StringComparer.Ordinal))
            figures.AddRow(Markup.Escape(k), Markup.Escape(Text(v)));
        figures.AddRow("generator CPU", $"{r.Generator.CpuSeconds:0.0}s ({r.Generator.CpuPercentOfOneCore:0}% of a core), RSS peak {r.Generator.RssPeakMb:0} MB");
        if (r.Server is { } srv)
            figures.AddRow("server CPU", $"{srv.CpuSeconds:0.0}s ({srv.CpuPercentOfOneCore:0}% of a core), RSS peak {srv.RssPeakMb:0} MB");
        AnsiConsole.Write(figures);
        foreach (var note in r.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        if (folder is not null) AnsiConsole.MarkupLine($"report: [link]{Markup.Escape(Path.GetFullPath(folder))}[/]");
    }

    public static string Text(object? v) => v switch
    {
        null => "-",
        double d => d.ToString("#,0.###", CultureInfo.InvariantCulture),
        float f => f.ToString("#,0.###", CultureInfo.InvariantCulture),
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:N0}", v),
        System.Collections.IDictionary map => string.Join(", ", map.Keys.Cast<object>().Select(k => $"{k}={Text(map[k])}")),
        System.Collections.IEnumerable list and not string => string.Join("; ", list.Cast<object>().Select(Text)),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static string F(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
}

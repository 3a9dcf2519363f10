using System.Diagnostics;
using LiveCommerce.LoadTests.Engine;
using Spectre.Console;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>
/// Shows a run while it goes: phase, connections, and every step's count, errors and recent p99,
/// refreshed twice a second. When the output is not a terminal it prints one plain line every 5 s.
/// </summary>
public static class LiveProgress
{
    public static async Task ShowAsync(IScenario scenario, ScenarioContext ctx, Stopwatch clock, Task running)
    {
        if (!ctx.Settings.LiveProgress)
        {
            await running;
            return;
        }
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            while (await Task.WhenAny(running, Task.Delay(5000)) != running)
                Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {ctx.Phase}; connections {ctx.Connections.Open}; " +
                                  string.Join("; ", ctx.Metrics.Steps.Select(s => $"{s.Name} {s.OkCount} ok {s.FailedCount} failed")));
            return;
        }
        await AnsiConsole.Live(Render(scenario, ctx, clock)).AutoClear(false).StartAsync(async live =>
        {
            while (await Task.WhenAny(running, Task.Delay(500)) != running)
            {
                live.UpdateTarget(Render(scenario, ctx, clock));
                live.Refresh();
            }
            live.UpdateTarget(Render(scenario, ctx, clock));
        });
    }

    private static Table Render(IScenario scenario, ScenarioContext ctx, Stopwatch clock)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{scenario.Name}[/] → {Markup.Escape(ctx.Settings.Target)}  {clock.Elapsed.TotalSeconds:0.0}s  [grey]{Markup.Escape(ctx.Phase)}[/]")
            .Caption($"connections open {ctx.Connections.Open:N0} · " + string.Join(" · ", ctx.Metrics.Counters.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value:N0}")));
        table.AddColumns("step", "ok", "failed", "errors", "p50 ms", "p99 ms", "max ms");
        foreach (var step in ctx.Metrics.Steps)
        {
            var h = step.Latencies;
            var has = h.TotalCount > 0;
            table.AddRow(
                Markup.Escape(step.Name),
                step.OkCount.ToString("N0"),
                step.FailedCount == 0 ? "0" : $"[red]{step.FailedCount:N0}[/]",
                Markup.Escape(string.Join(", ", step.Errors.Select(e => $"{e.Key}×{e.Value}"))),
                has ? (h.GetValueAtPercentile(50) / 1000.0).ToString("0.0") : "-",
                has ? (h.GetValueAtPercentile(99) / 1000.0).ToString("0.0") : "-",
                has ? (HdrHistogram.HistogramExtensions.GetMaxValue(h) / 1000.0).ToString("0.0") : "-");
        }
        return table;
    }
}

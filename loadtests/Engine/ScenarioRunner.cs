using System.Diagnostics;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>
/// Runs one scenario within its guard rails (time limit, Ctrl+C via <c>cancel</c>), samples the metrics
/// every second, and always writes the report, also when the run was stopped or failed.
/// </summary>
public static class ScenarioRunner
{
    public static async Task<RunReport> RunAsync(IScenario scenario, ScenarioSettings settings, CancellationToken cancel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(settings.MaxDurationSeconds));
        var metrics = new Metrics();
        var ctx = new ScenarioContext(settings, metrics, limit.Token);
        var serverProbe = await ResourceTracker.ServerProbeAsync(settings);
        ctx.Server = serverProbe;
        if (serverProbe is not null) ctx.Note($"Server CPU and memory from {serverProbe.Source}.");
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var gen = await ResourceTracker.StartAsync(new ProcessProbe(Environment.ProcessId));
        var server = serverProbe is null ? null : await ResourceTracker.StartAsync(serverProbe);

        using var stopSampling = new CancellationTokenSource();
        var sampling = SampleAsync(metrics, clock, gen, server, stopSampling.Token);
        var running = RunGuardedAsync(scenario, ctx, limit, cancel);
        await LiveProgress.ShowAsync(scenario, ctx, clock, running);
        var outcome = await running;

        await stopSampling.CancelAsync();
        await sampling;
        metrics.Sample(clock.Elapsed.TotalSeconds, 1);
        var duration = clock.Elapsed.TotalSeconds;
        var generatorUse = await gen.FinishAsync(duration);
        var serverUse = server is null ? null : await FinishOrNullAsync(server, duration);
        await ctx.DisposeAsync();
        (serverProbe as IDisposable)?.Dispose();

        var report = new RunReport
        {
            Scenario = scenario.Name,
            Description = scenario.Description,
            Target = settings.Target,
            Urls = settings.Urls.Select(u => u.ToString()).ToList(),
            Protocol = settings.Protocol,
            StartedAt = startedAt,
            DurationSeconds = Math.Round(duration, 2),
            Outcome = outcome,
            Settings = SettingsOf(settings),
            Steps = metrics.Steps.Select(st => new StepReport(st.Name, st.OkCount, st.FailedCount,
                st.Errors.ToDictionary(e => e.Key, e => e.Value), Math.Round(st.OkCount / Math.Max(duration, 0.001), 1),
                LatencySummary.From(st.Latencies))).ToList(),
            Figures = ctx.Figures.ToDictionary(f => f.Key, f => f.Value),
            Counters = metrics.Counters,
            Notes = ctx.Notes,
            Generator = generatorUse,
            Server = serverUse,
            Machine = MachineInfo.Describe(),
            Series = metrics.Series.Snapshot(),
        };
        ReportWriter.Write(report, settings.OutDir, settings.Charts);
        return report;
    }

    private static async Task<string> RunGuardedAsync(IScenario scenario, ScenarioContext ctx, CancellationTokenSource limit, CancellationToken cancel)
    {
        await Task.Yield();
        try
        {
            await scenario.RunAsync(ctx);
            return "completed";
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            var outcome = cancel.IsCancellationRequested ? "interrupted" : "time limit";
            ctx.Note($"Stopped early ({outcome}) during: {ctx.Phase}.");
            return outcome;
        }
        catch (Exception e)
        {
            ctx.Note($"Failed during {ctx.Phase}: {e.GetType().Name}: {e.Message}");
            return $"failed: {e.Message}";
        }
    }

    private static async Task SampleAsync(Metrics metrics, Stopwatch clock, ResourceTracker gen, ResourceTracker? server, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = clock.Elapsed.TotalSeconds;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = clock.Elapsed.TotalSeconds;
                metrics.Sample(now, now - last);
                last = now;
                await gen.SampleAsync(metrics.Series, "generator", now);
                if (server is not null) await server.SampleAsync(metrics.Series, "server", now);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The server's totals, or none when it no longer answers (stopped or crashed during the run).</summary>
    private static async Task<ResourceUse?> FinishOrNullAsync(ResourceTracker server, double duration)
    {
        try
        {
            return await server.FinishAsync(duration);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException)
        {
            return null;
        }
    }

    private static Dictionary<string, object?> SettingsOf(ScenarioSettings s) =>
        typeof(ScenarioSettings).GetProperties()
            .Where(p => p.Name != nameof(ScenarioSettings.Urls))
            .ToDictionary(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p => p.GetValue(s));
}

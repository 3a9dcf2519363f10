using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;
using Spectre.Console;

namespace LiveCommerce.LoadTests.Bench;

/// <summary>
/// <c>bench [--quick]</c>: on this machine, starts LiveHost (Release) and the bare hub in turn, runs the same
/// loads against each as separate generator processes, and prints LiveCommerce / baseline ratios.
/// With taskset the server gets CPU 1 and the generator CPU 0, so neither steals the other's core.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Small loads; finishes in under 3 minutes" };
        var output = new Option<string?>("--out", "-o") { Description = "Bench folder (default reports/bench-<time>)" };
        var noPin = new Option<bool>("--no-pin") { Description = "Don't pin server and generator to separate CPUs" };
        var skipBuild = new Option<bool>("--skip-build") { Description = "Use the existing LiveHost Release build" };
        var protocol = new Option<string?>("--protocol") { Description = "messagepack (default) or json" };
        var only = new Option<string[]>("--only") { Description = "Run only these loads (warmup, join, fanout300, fanout300x200, scale<N>, flash, auction, coupon)", AllowMultipleArgumentsPerToken = true };
        var targets = new Option<string[]>("--targets") { Description = "Run only against these targets (livecommerce, bare-1msg, bare-100ms)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("bench", "Run the benchmark: LiveCommerce against a bare SignalR hub on this machine") { quick, output, noPin, skipBuild, protocol, only, targets };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(quick),
            parse.GetValue(output) ?? Path.Combine("reports", $"bench-{DateTime.Now:yyyyMMdd-HHmmss}"),
            !parse.GetValue(noPin), parse.GetValue(skipBuild), parse.GetValue(protocol) ?? "messagepack", parse.GetValue(only) ?? [], parse.GetValue(targets) ?? [], ct));
        return command;
    }

    private static async Task<int> RunAsync(bool quick, string folder, bool pin, bool skipBuild, string protocol, string[] only, string[] targets, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var root = RepoPaths.Root();
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        var canPin = pin && Environment.ProcessorCount >= 2 && File.Exists("/usr/bin/taskset");
        var (serverCpus, generatorCpus) = canPin ? ("1", "0") : ((string?)null, (string?)null);
        AnsiConsole.MarkupLine($"[bold]bench[/] {(quick ? "--quick" : "(full)")} → {Markup.Escape(folder)}; " +
                               (canPin ? "server on CPU 1, generator on CPU 0 (taskset)" : "no CPU pinning"));

        if (!skipBuild)
        {
            AnsiConsole.MarkupLine("building LiveHost (Release)...");
            using var build = ChildProcess.Start("dotnet", ["build", RepoPaths.LiveHostProject(root), "-c", "Release", "-nologo", "-v", "q"], null, root);
            if (await build.WaitAsync(TimeSpan.FromMinutes(10), ct) != 0)
            {
                AnsiConsole.MarkupLine($"[red]LiveHost build failed[/]\n{Markup.Escape(build.Tail)}");
                return 1;
            }
        }

        var loads = BenchPlan.Loads(quick).Where(l => only.Length == 0 || only.Contains(l.Key)).ToList();
        var results = new List<BenchResult>();
        foreach (var target in BenchPlan.Targets.Where(t => targets.Length == 0 || targets.Contains(t.Label)))
        {
            var mine = loads.Where(l => l.AppliesTo(target)).ToList();
            if (mine.Count == 0) continue;
            if (ct.IsCancellationRequested) break;
            AnsiConsole.MarkupLine($"[bold]{target.Label}[/]: {Markup.Escape(target.Description)}");
            var (server, url) = await ServerLauncher.StartAsync(target, root, serverCpus, ct);
            using (server)
            {
                var scaleBroke = false;
                foreach (var load in mine)
                {
                    if (ct.IsCancellationRequested) break;
                    if (load.ScaleViewers is not null && scaleBroke)
                    {
                        AnsiConsole.MarkupLine($"  {load.Key}: skipped (a smaller audience could not be seated, or the generator could not receive it)");
                        continue;
                    }
                    var result = await RunLoadAsync(load, target, url, server, folder, generatorCpus, protocol, ct);
                    results.Add(result);
                    // A slow p99 on a noisy machine may pass at the next size; a run that could not seat its audience ends the
                    // climb, and so does one whose generator could not receive it all (a larger audience would measure the generator).
                    if (load.ScaleViewers is not null && (!(result.Number("viewersJoined") >= load.ScaleViewers) || result.GeneratorBound)) scaleBroke = true;
                    if (server.Exited)
                    {
                        AnsiConsole.MarkupLine($"[red]{target.Label} died[/]\n{Markup.Escape(server.Tail)}");
                        break;
                    }
                }
            }
        }

        var rows = BenchSummary.Rows(results);
        var header = $"# bench {(quick ? "--quick" : "(full)")}\n\n- date {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, took {clock.Elapsed.TotalMinutes:0.0} min\n" +
                     $"- machine: {MachineInfo.Describe()}\n- pinning: {(canPin ? "server CPU 1, generator CPU 0" : "none")}; protocol {protocol}\n" +
                     (ct.IsCancellationRequested ? "- **interrupted**: partial results\n" : "");
        File.WriteAllText(Path.Combine(folder, "bench.md"), BenchSummary.Markdown(rows, results, header));
        File.WriteAllText(Path.Combine(folder, "bench.json"), JsonSerializer.Serialize(new
        {
            quick, minutes = Math.Round(clock.Elapsed.TotalMinutes, 2), machine = MachineInfo.Describe(), pinned = canPin,
            rows,
            runs = results.Select(r => new { load = r.Load.Key, target = r.Target.Label, r.Outcome, r.DurationSeconds, r.GeneratorCpuPercent, r.ServerCpuPercent, r.Figures }),
        }, ReportWriter.Json));
        Print(rows);
        AnsiConsole.MarkupLine($"bench took {clock.Elapsed.TotalMinutes:0.0} min; summary {Markup.Escape(Path.Combine(folder, "bench.md"))}");
        return 0;
    }

    private static async Task<BenchResult> RunLoadAsync(BenchLoad load, BenchTarget target, Uri url, ChildProcess server, string folder,
        string? cpus, string protocol, CancellationToken ct)
    {
        var outDir = Path.Combine(folder, target.Label, load.Key);
        var args = new List<string> { RepoPaths.SelfDll(), load.Scenario, "--url", url.ToString(), "--server-pid", server.Pid.ToString(CultureInfo.InvariantCulture),
            "--target", target.Label, "--out", outDir, "--no-live", "--protocol", protocol, "--max-duration", "600" };
        args.AddRange(load.Args);
        var started = Stopwatch.StartNew();
        using var child = ChildProcess.Start("dotnet", args, cpus, AppContext.BaseDirectory);
        using (ct.Register(child.Interrupt)) // Ctrl+C: the run stops and still writes its report
        {
            if (Console.IsOutputRedirected) await WatchPlainAsync(child, started, $"{target.Label} · {load.Key}");
            else await AnsiConsole.Status().StartAsync($"{target.Label} · {load.Key}", async status =>
            {
                while (!child.Exited)
                {
                    status.Status($"{target.Label} · {load.Key} · {started.Elapsed.TotalSeconds:0}s · {Markup.Escape(LastLine(child.Tail))}");
                    await Task.Delay(500, CancellationToken.None);
                    if (started.Elapsed > RunLimit) child.Dispose();
                }
            });
        }
        var result = BenchResult.Read(load, target, outDir);
        var summary = string.Join(", ", new[] { "joinsPerSecond", "deliveriesPerSecond", "fanoutP99Ms", "attemptsPerSecond", "buyP99Ms", "serverBytesPerViewer", "serverCpuUsPerDelivery" }
            .Where(k => result.Number(k) is not null).Select(k => $"{k} {BenchSummary.N(result.Number(k))}"));
        AnsiConsole.MarkupLine($"  {load.Key}: {Markup.Escape(result.Outcome)}{(result.GeneratorBound ? $" [yellow](generator-bound, {result.GeneratorLoadPercent:0}%)[/]" : "")} in {started.Elapsed.TotalSeconds:0}s; {Markup.Escape(summary)}");
        if (result.Outcome == "missing") AnsiConsole.MarkupLine($"[red]{Markup.Escape(child.Tail)}[/]");
        return result;
    }

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(11);

    /// <summary>Piped output: one line every 15 s instead of a spinner.</summary>
    private static async Task WatchPlainAsync(ChildProcess child, Stopwatch started, string label)
    {
        var next = TimeSpan.FromSeconds(15);
        while (!child.Exited)
        {
            await Task.Delay(250, CancellationToken.None);
            if (started.Elapsed > RunLimit) child.Dispose();
            if (started.Elapsed < next) continue;
            Console.WriteLine($"    {label} · {started.Elapsed.TotalSeconds:0}s · {LastLine(child.Tail)}");
            next += TimeSpan.FromSeconds(15);
        }
    }

    private static string LastLine(string tail) => tail.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() is { } l && l.Length > 90 ? l[..90] : tail.Split('\n').LastOrDefault() ?? "";

    private static void Print(IReadOnlyList<BenchRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("LiveCommerce / baseline");
        table.AddColumns("measure", "LiveCommerce", "baseline", "vs", "ratio", "goal", "met");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Measure), BenchSummary.N(r.LiveCommerce), BenchSummary.N(r.Baseline), r.BaselineLabel,
                r.Ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "-", Markup.Escape(r.Goal),
                r.Met is null ? "-" : r.Met.Value ? "[green]yes[/]" : "[red]no[/]");
        AnsiConsole.Write(table);
    }
}

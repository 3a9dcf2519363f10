using System.Globalization;
using System.Text;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Bench;

/// <summary>One line of the ratio table.</summary>
public sealed record BenchRow(string Measure, double? LiveCommerce, double? Baseline, string BaselineLabel, double? Ratio, string Goal, bool? Met);

/// <summary>Turns the bench's runs into the LiveCommerce / baseline table (and its markdown).</summary>
public static class BenchSummary
{
    public static IReadOnlyList<BenchRow> Rows(IReadOnlyList<BenchResult> results)
    {
        BenchResult? Get(string load, BenchTarget t) => results.FirstOrDefault(r => r.Load.Key == load && r.Target == t);
        var lc = BenchPlan.LiveHost;
        var bare = BenchPlan.Bare;
        var framed = BenchPlan.BareFramed;
        var rows = new List<BenchRow>();

        void Compare(string measure, string load, string figure, BenchTarget baseline, Func<double, bool>? goal, string goalText, bool higherIsBetter = true)
        {
            var (ours, theirs) = (Get(load, lc), Get(load, baseline));
            var a = ours?.Number(figure);
            var b = theirs?.Number(figure);
            // A generator-bound run measured the generator: shown, never compared.
            var bound = GeneratorBoundNote(ours, theirs);
            var ratio = bound is null ? Ratio.Of(a, b) : null;
            rows.Add(new BenchRow(measure + bound, a, b, baseline.Label, ratio, goalText, ratio is { } r && goal is not null ? goal(r) : null));
        }

        Compare("join storm: joins/s (snapshot included)", "join", "joinsPerSecond", bare, r => r >= 0.8, "≥ 0.8×");
        Compare("join storm: join p99 ms", "join", "joinP99Ms", bare, null, "-", false);
        Compare("fan-out 300/s: deliveries/s", "fanout300", "deliveriesPerSecond", bare, r => r >= 3, "≥ 3×");
        Compare("fan-out 300/s: deliveries/s", "fanout300", "deliveriesPerSecond", framed, r => r >= 1, "≥ 1.0×");
        Compare("fan-out 300/s: p99 ms", "fanout300", "fanoutP99Ms", bare, null, "LC < 250 ms", false);
        Compare("fan-out 300/s: p99 ms", "fanout300", "fanoutP99Ms", framed, null, "LC < 250 ms", false);
        if (results.Any(r => r.Load.Key == "fanout300x200"))
            Compare("fan-out 300/s to 200: p99 ms", "fanout300x200", "fanoutP99Ms", bare, r => r <= 1.2, "≤ 1.2×", false);
        Compare("flash sale: attempts/s (baseline: echo-like call)", "flash", "attemptsPerSecond", bare, r => r >= 0.7, "≥ 0.7×");
        Compare("flash sale: attempt p99 ms", "flash", "buyP99Ms", bare, r => r <= 1.5, "≤ 1.5×", false);
        Compare("auction: bids/s (baseline: echo-like call)", "auction", "attemptsPerSecond", bare, r => r >= 0.7, "≥ 0.7×");
        Compare("auction: bid p99 ms", "auction", "bidP99Ms", bare, r => r <= 1.5, "≤ 1.5×", false);
        Compare("coupon: claims/s (baseline: echo-like call)", "coupon", "attemptsPerSecond", bare, r => r >= 0.7, "≥ 0.7×");
        Compare("coupon: claim p99 ms", "coupon", "claimP99Ms", bare, r => r <= 1.5, "≤ 1.5×", false);
        // Server CPU per delivery of every fan-out run, LiveCommerce beside each bare hub.
        foreach (var load in results.Where(r => r.Target == lc && r.Number("serverCpuUsPerDelivery") is not null).Select(r => r.Load.Key).Distinct())
            foreach (var t in new[] { bare, framed })
                if (Get(load, t) is not null) Compare($"{load}: server CPU µs per delivery", load, "serverCpuUsPerDelivery", t, null, "-", false);

        if (Get("scale10000", lc) is { } big)
        {
            var ours = big.Number("fanoutP99Ms");
            var bareBig = Get("scale10000", bare);
            var bound = GeneratorBoundNote(big, bareBig);
            rows.Add(new BenchRow("10,000 viewers at 1 event/s: p99 ms" + bound, ours, bareBig?.Number("fanoutP99Ms"), bare.Label,
                bound is null ? Ratio.Of(ours, bareBig?.Number("fanoutP99Ms")) : null, "LC < 250 ms", bound is null && ours is { } p ? p < 250 : null));
        }

        var lcMem = Get("join", lc)?.Number("serverBytesPerViewer");
        var bareMem = Get("join", bare)?.Number("serverBytesPerViewer");
        rows.Add(new BenchRow("memory per connected viewer (bytes, join storm)", lcMem, bareMem, bare.Label, Ratio.Of(lcMem, bareMem),
            "≤ baseline + 10 KB", lcMem is { } m && bareMem is { } bm ? m <= bm + 10_240 : null));

        foreach (var t in new[] { bare, framed })
        {
            int? Largest(BenchTarget target) => Ratio.LargestHeld(results.Where(r => r.Target == target && r.Load.ScaleViewers is not null && !r.GeneratorBound).Select(r =>
                new ScalePoint(r.Load.ScaleViewers!.Value, (int)(r.Number("viewersJoined") ?? 0), r.Number("fanoutP99Ms") ?? double.MaxValue, r.Number("deliveredShare") ?? 0)), 250);
            var a = Largest(lc);
            var b = Largest(t);
            rows.Add(new BenchRow("largest N held at 1 event/s with p99 < 250 ms", a, b, t.Label, Ratio.Of(a, b), "LC ≥ 10,000",
                a is { } n ? n >= 10_000 : false));
        }
        var verdict = Get("flash", lc)?.Text("verdict");
        if (verdict is not null) rows.Add(new BenchRow($"flash sale verdict: {verdict}", null, null, "-", null, "exact", Get("flash", lc)?.Text("saleExact") == "true"));
        foreach (var (load, name, exact) in new[] { ("auction", "auction", "auctionExact"), ("coupon", "coupon", "couponExact") })
            if (Get(load, lc)?.Text("verdict") is { } v) rows.Add(new BenchRow($"{name} verdict: {v}", null, null, "-", null, "exact", Get(load, lc)?.Text(exact) == "true"));
        return rows;
    }

    /// <summary>" (generator-bound: ...)" naming the runs whose generator passed 85 % of its core; null when neither did.</summary>
    public static string? GeneratorBoundNote(params BenchResult?[] runs)
    {
        var bound = runs.Where(r => r is { GeneratorBound: true }).Select(r => $"{r!.Target.Label} {r.GeneratorLoadPercent:0}%").ToList();
        return bound.Count == 0 ? null : $" (generator-bound: {string.Join(", ", bound)})";
    }

    public static string Markdown(IReadOnlyList<BenchRow> rows, IReadOnlyList<BenchResult> results, string header)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder(header);
        md.AppendLine();
        md.AppendLine("| measure | LiveCommerce | baseline | vs | ratio | goal | met |");
        md.AppendLine("|---|---:|---:|---|---:|---|---|");
        foreach (var r in rows)
            md.AppendLine(inv, $"| {r.Measure} | {N(r.LiveCommerce)} | {N(r.Baseline)} | {r.BaselineLabel} | {(r.Ratio is { } x ? x.ToString("0.00", inv) + "×" : "-")} | {r.Goal} | {(r.Met is null ? "-" : r.Met.Value ? "yes" : "**no**")} |");
        md.AppendLine();
        md.AppendLine("## Runs");
        md.AppendLine();
        md.AppendLine(inv, $"A run whose generator used more than {BenchResult.GeneratorBoundPercent:0} % of its core over the measured phase is generator-bound: listed, not compared.");
        md.AppendLine();
        md.AppendLine("| load | target | outcome | seconds | generator CPU % | server CPU % | key figures | report |");
        md.AppendLine("|---|---|---|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            var keys = new[] { "viewersJoined", "joinsPerSecond", "joinP99Ms", "deliveriesPerSecond", "fanoutP50Ms", "fanoutP99Ms", "deliveredShare", "missedSeq", "outOfOrderSeq", "attemptsPerSecond", "buyP99Ms", "bidP99Ms", "claimP99Ms", "serverBytesPerViewer", "serverCpuUsPerDelivery", "sendGeneratorCpuPercent", "stampedeGeneratorCpuPercent" };
            var figs = string.Join(", ", keys.Where(k => r.Number(k) is not null).Select(k => $"{k} {N(r.Number(k))}"));
            md.AppendLine(inv, $"| {r.Load.Key} | {r.Target.Label} | {r.Outcome}{(r.GeneratorBound ? ", **generator-bound**" : "")} | {r.DurationSeconds:0} | {r.GeneratorCpuPercent:0} | {r.ServerCpuPercent:0} | {figs} | [{Path.GetFileName(r.Folder)}]({r.Target.Label}/{Path.GetFileName(r.Folder)}/report.md) |");
        }
        return md.ToString();
    }

    public static string N(double? v) => v switch
    {
        null => "-",
        { } x when Math.Abs(x) >= 100 => x.ToString("#,0", CultureInfo.InvariantCulture),
        { } x => x.ToString("0.##", CultureInfo.InvariantCulture),
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>Writes a run's folder: report.json (everything, series included), report.md and the charts.</summary>
public static class ReportWriter
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(RunReport r, string folder, bool charts)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(r, Json));
        var chartError = (string?)null;
        if (charts)
        {
            try { Charts.Write(r, folder); }
            catch (Exception e) { chartError = e.Message; } // a missing native font library must not lose the report
        }
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(r, charts && chartError is null, chartError));
    }

    public static string Markdown(RunReport r, bool charts, string? chartError = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"# {r.Scenario} → {r.Target}");
        md.AppendLine();
        md.AppendLine(r.Description);
        md.AppendLine();
        md.AppendLine(inv, $"- started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, ran {r.DurationSeconds:0.0} s, outcome **{r.Outcome}**");
        md.AppendLine(inv, $"- server(s): {string.Join(", ", r.Urls)} ({r.Protocol})");
        md.AppendLine(inv, $"- machine: {r.Machine}");
        md.AppendLine(inv, $"- generator: {r.Generator.CpuSeconds:0.0} CPU s ({r.Generator.CpuPercentOfOneCore:0}% of one core), RSS peak {r.Generator.RssPeakMb:0} MB");
        if (r.Server is { } s)
            md.AppendLine(inv, $"- server: {s.CpuSeconds:0.0} CPU s ({s.CpuPercentOfOneCore:0}% of one core), RSS {s.RssStartMb:0} → peak {s.RssPeakMb:0} MB");
        md.AppendLine();
        md.AppendLine("## Figures");
        md.AppendLine();
        md.AppendLine("| figure | value |");
        md.AppendLine("|---|---|");
        foreach (var (k, v) in r.Figures.OrderBy(f => f.Key, StringComparer.Ordinal))
            md.AppendLine(inv, $"| {k} | {ConsoleReport.Text(v)} |");
        md.AppendLine();
        md.AppendLine("## Steps (latency in ms, from the intended start: coordinated omission corrected)");
        md.AppendLine();
        md.AppendLine("| step | ok | failed | ok/s | p50 | p75 | p90 | p95 | p99 | p99.9 | max | errors |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var st in r.Steps)
        {
            var l = st.Latency;
            md.AppendLine(inv, $"| {st.Name} | {st.Ok:N0} | {st.Failed:N0} | {st.OkPerSecond:N1} | {l.P50Ms:0.0} | {l.P75Ms:0.0} | {l.P90Ms:0.0} | {l.P95Ms:0.0} | {l.P99Ms:0.0} | {l.P999Ms:0.0} | {l.MaxMs:0.0} | {string.Join(", ", st.Errors.Select(e => $"{e.Key}×{e.Value}"))} |");
        }
        if (r.Notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var n in r.Notes) md.AppendLine(inv, $"- {n}");
        }
        md.AppendLine();
        md.AppendLine("## Charts");
        md.AppendLine();
        if (charts)
        {
            md.AppendLine(inv, $"![latency]({Charts.LatencyFile})");
            md.AppendLine();
            md.AppendLine(inv, $"![throughput]({Charts.ThroughputFile})");
        }
        else md.AppendLine(chartError is null ? "(charts off)" : $"(charts failed: {chartError})");
        md.AppendLine();
        md.AppendLine("## Settings");
        md.AppendLine();
        md.AppendLine(string.Join(", ", r.Settings.Where(s => s.Value is not null).Select(s => $"`{s.Key}={ConsoleReport.Text(s.Value)}`")));
        return md.ToString();
    }
}

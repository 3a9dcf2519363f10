using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>Reads samples out of a Prometheus text exposition (what <c>/metrics</c> serves).</summary>
public sealed partial class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include <paramref name="labels"/>; null when none.</summary>
    public double? Sum(string name, params (string Key, string Value)[] labels)
    {
        double? total = null;
        foreach (Match match in Sample().Matches(Text))
        {
            if (match.Groups["name"].Value != name) continue;
            var have = Labels(match.Groups["labels"].Value);
            if (!labels.All(l => have.TryGetValue(l.Key, out var v) && v == l.Value)) continue;
            total = (total ?? 0) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return total;
    }

    private static Dictionary<string, string> Labels(string text) =>
        Label().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}

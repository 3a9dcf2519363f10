namespace LiveCommerce.Client.Cli;

/// <summary>
/// The optional <c>key=value</c> words of a command (<c>keyword=win watch=60</c>), apart from its positional
/// words. Keys are case-insensitive; an unknown key is a usage error rather than silently ignored.
/// </summary>
public sealed class KeyValues
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    private KeyValues(IReadOnlyList<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Splits <paramref name="words"/> into positional words and <c>key=value</c> pairs (keys from <paramref name="known"/>).</summary>
    public static KeyValues Parse(IEnumerable<string> words, params string[] known)
    {
        var positional = new List<string>();
        var pairs = new List<(string, string)>();
        foreach (var word in words)
        {
            var eq = word.IndexOf('=');
            if (eq <= 0)
            {
                positional.Add(word);
                continue;
            }
            var key = word[..eq];
            if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new FormatException($"unknown option '{key}=' (known: {string.Join(", ", known.Select(k => k + "="))})");
            pairs.Add((key, word[(eq + 1)..]));
        }
        var parsed = new KeyValues(positional);
        foreach (var (key, value) in pairs) parsed._values[key] = value;
        return parsed;
    }

    public string? Text(string key) => _values.GetValueOrDefault(key);

    public int? Int(string key) => Text(key) is { } v ? Numbers.Int(v, key) : null;

    public decimal? Decimal(string key) => Text(key) is { } v ? Numbers.Decimal(v, key) : null;
}


namespace LiveCommerce.LiveHost.Translation;

/// <summary>
/// ISO 639-1 (two letters, the protocol's) to ISO 639-3 (three letters, Apertium's) and back. The host
/// runs with invariant globalization, so the table is here rather than taken from CultureInfo.
/// </summary>
public static class LanguageCodes
{
    private static readonly Dictionary<string, string> ToThree = new(StringComparer.OrdinalIgnoreCase)
    {
        ["af"] = "afr", ["an"] = "arg", ["ar"] = "ara", ["be"] = "bel", ["bg"] = "bul", ["br"] = "bre",
        ["bs"] = "bos", ["ca"] = "cat", ["cs"] = "ces", ["cy"] = "cym", ["da"] = "dan", ["de"] = "deu",
        ["el"] = "ell", ["en"] = "eng", ["eo"] = "epo", ["es"] = "spa", ["et"] = "est", ["eu"] = "eus",
        ["fa"] = "fas", ["fi"] = "fin", ["fo"] = "fao", ["fr"] = "fra", ["ga"] = "gle", ["gd"] = "gla",
        ["gl"] = "glg", ["he"] = "heb", ["hi"] = "hin", ["hr"] = "hrv", ["hu"] = "hun", ["hy"] = "hye",
        ["id"] = "ind", ["is"] = "isl", ["it"] = "ita", ["ja"] = "jpn", ["ka"] = "kat", ["kk"] = "kaz",
        ["ko"] = "kor", ["ky"] = "kir", ["lt"] = "lit", ["lv"] = "lav", ["mk"] = "mkd", ["ms"] = "msa",
        ["mt"] = "mlt", ["nb"] = "nob", ["nl"] = "nld", ["nn"] = "nno", ["no"] = "nor", ["oc"] = "oci",
        ["pl"] = "pol", ["pt"] = "por", ["ro"] = "ron", ["ru"] = "rus", ["sc"] = "srd", ["se"] = "sme",
        ["sk"] = "slk", ["sl"] = "slv", ["sq"] = "sqi", ["sr"] = "srp", ["sv"] = "swe", ["sw"] = "swa",
        ["tg"] = "tgk", ["th"] = "tha", ["tr"] = "tur", ["tt"] = "tat", ["uk"] = "ukr", ["ur"] = "urd",
        ["uz"] = "uzb", ["vi"] = "vie", ["zh"] = "zho",
    };

    private static readonly Dictionary<string, string> ToTwo =
        ToThree.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The ISO 639-3 code of a two-letter code, or null when the table does not know it.</summary>
    public static string? Iso3(string iso1) => ToThree.GetValueOrDefault(iso1);

    /// <summary>The ISO 639-1 code of an Apertium code (<c>eng</c>, <c>eng_US</c> → <c>en</c>), or null.</summary>
    public static string? Iso1(string apertiumCode) => ToTwo.GetValueOrDefault(apertiumCode.Split('_')[0]);

    /// <summary>The two-letter base of a language tag (<c>en-US</c> → <c>en</c>), or null when it has none.</summary>
    public static string? Base(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var head = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        if (head.Length == 2 && head.All(char.IsAsciiLetterLower)) return head;
        return head.Length == 3 ? Iso1(head) : null;
    }
}

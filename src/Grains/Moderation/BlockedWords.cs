using System.Globalization;
using System.Text;

namespace LiveCommerce.Grains.Moderation;

/// <summary>
/// Whole-word, case-insensitive matching of blocked words that sees through disguises: both the words and
/// the text are folded to a skeleton — compatibility forms (fullwidth ｓｐａｍ) to plain letters, accents and
/// other combining marks dropped, invisible characters (zero-width, soft hyphen) removed, look-alike
/// Cyrillic and Greek letters mapped to Latin — and a run of single letters separated by spaces or
/// punctuation ("s p a m", "s.p.a.m") is also read as one word.
/// </summary>
public sealed class BlockedWords
{
    private readonly List<string[]> _phrases;

    public BlockedWords(IEnumerable<string> words) =>
        _phrases = words.Select(w => Tokens(Fold(w))).Where(t => t.Length > 0).Distinct(new PhraseComparer()).ToList();

    public bool IsEmpty => _phrases.Count == 0;

    public bool Matches(string text)
    {
        if (_phrases.Count == 0) return false;
        var tokens = Tokens(Fold(text));
        return _phrases.Any(p => Contains(tokens, p) || Contains(JoinSingleLetters(tokens), p));
    }

    /// <summary>The skeleton: NFKC, lower case, no combining marks or invisibles, confusables mapped to Latin.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format) continue;
            if (TextHygiene.IsInvisible(c)) continue;
            var lower = char.ToLowerInvariant(c);
            folded.Append(Confusables.TryGetValue(lower, out var latin) ? latin : lower);
        }
        return folded.ToString();
    }

    private static string[] Tokens(string folded)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) current.Append(c);
            else if (current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return [.. tokens];
    }

    /// <summary>"s p a m" → "spam": consecutive one-letter tokens become one.</summary>
    private static string[] JoinSingleLetters(string[] tokens)
    {
        var joined = new List<string>();
        var run = new StringBuilder();
        foreach (var token in tokens)
        {
            if (token.Length == 1) { run.Append(token); continue; }
            if (run.Length > 0) { joined.Add(run.ToString()); run.Clear(); }
            joined.Add(token);
        }
        if (run.Length > 0) joined.Add(run.ToString());
        return [.. joined];
    }

    private static bool Contains(string[] tokens, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= tokens.Length; i++)
        {
            var all = true;
            for (var j = 0; j < phrase.Length && all; j++) all = tokens[i + j] == phrase[j];
            if (all) return true;
        }
        return false;
    }

    // Lower-case Cyrillic and Greek letters that look like Latin ones (after ToLowerInvariant).
    private static readonly Dictionary<char, char> Confusables = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['с'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['і'] = 'i', ['ї'] = 'i',
        ['ј'] = 'j', ['к'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p', ['ԛ'] = 'q', ['г'] = 'r',
        ['ѕ'] = 's', ['т'] = 't', ['υ'] = 'u', ['ѵ'] = 'v', ['ԝ'] = 'w', ['х'] = 'x', ['у'] = 'y', ['з'] = '3',
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't',
        ['χ'] = 'x', ['γ'] = 'y', ['ѡ'] = 'w', ['ɑ'] = 'a', ['ı'] = 'i', ['ℓ'] = 'l',
    };

    private sealed class PhraseComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x!.SequenceEqual(y!);
        public int GetHashCode(string[] obj) => string.Join(' ', obj).GetHashCode(StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text;
using LiveCommerce.Contracts.Errors;

namespace LiveCommerce.Grains.Moderation;

/// <summary>
/// What text a client may store and show to others (names, titles, product names, comments). Text is
/// NFC-normalised and trimmed. Refused (<c>invalid_argument</c>): control characters (a comment may keep
/// newlines), bidirectional overrides, embeddings, isolates and marks (they reorder what others see), and
/// more than <see cref="MaxCombiningRun"/> combining marks on one character ("zalgo"). Stripped silently:
/// invisible characters — zero-width space and non-joiner, word joiner, BOM, soft hyphen — except a
/// zero-width joiner inside an emoji sequence.
/// </summary>
public static class TextHygiene
{
    public const int MaxCombiningRun = 4;

    public static string Clean(string text, string field, bool allowNewlines = false)
    {
        var normalized = text.Normalize(NormalizationForm.FormC);
        var result = new StringBuilder(normalized.Length);
        var combiningRun = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (c == '\n' && allowNewlines) { result.Append(c); combiningRun = 0; continue; }
            if (c == '\r' && allowNewlines) continue;
            if (char.IsControl(c)) throw LiveCommerceException.Invalid($"{field} may not contain control characters");
            if (IsBidiControl(c)) throw LiveCommerceException.Invalid($"{field} may not contain bidirectional control characters");
            if (IsInvisible(c)) continue;
            if (c == '\u200D' && !InEmojiSequence(normalized, i)) continue;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                if (++combiningRun > MaxCombiningRun) throw LiveCommerceException.Invalid($"{field} has too many combining marks on one character");
            }
            else if (!char.IsLowSurrogate(c)) combiningRun = 0;
            result.Append(c);
        }
        return result.ToString().Trim();
    }

    /// <summary>LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM.</summary>
    public static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>Zero-width space and non-joiner, word joiner and its invisible operators, BOM, soft hyphen, Mongolian vowel separator.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or >= '\u2060' and <= '\u2064' or '\uFEFF' or '\u00AD' or '\u180E';

    /// <summary>A ZWJ joins emoji (👨‍👩‍👧): keep it when an emoji (a surrogate pair or VS16) precedes it.</summary>
    private static bool InEmojiSequence(string text, int at) =>
        at > 0 && (char.IsLowSurrogate(text[at - 1]) || text[at - 1] == '\uFE0F');
}

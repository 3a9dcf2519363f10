using System.Globalization;

namespace LiveCommerce.Grains.Social;

/// <summary>Social proof shows buyers as first letter + <c>***</c> + last letter ("Ann" → "A***n").</summary>
public static class NameMask
{
    public const string Hidden = "***";

    public static string Mask(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return Hidden;
        // Text elements, so that an emoji or an accented letter is never cut in half.
        var info = new StringInfo(trimmed);
        var first = info.SubstringByTextElements(0, 1);
        var last = info.SubstringByTextElements(info.LengthInTextElements - 1, 1);
        return first + Hidden + last;
    }
}

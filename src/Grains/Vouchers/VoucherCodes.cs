using System.Security.Cryptography;

namespace LiveCommerce.Grains.Vouchers;

/// <summary>
/// Voucher codes: 16 characters from a cryptographic generator over 32 symbols (80 bits), without the
/// look-alikes 0/O and 1/I so a code can be read aloud at a counter or typed from a screenshot.
/// </summary>
public static class VoucherCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 16;

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>A code as a person typed it (any case, spaces or dashes between groups), or null when it cannot be one.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null) return null;
        var code = new string([.. typed.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant)]);
        return code.Length == Length && code.All(c => Alphabet.Contains(c)) ? code : null;
    }
}

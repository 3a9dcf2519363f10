using System.Text.RegularExpressions;
using LiveCommerce.Contracts.Errors;

namespace LiveCommerce.Grains.Rooms;

/// <summary>Argument checks shared by the grains; each failure is an <c>invalid_argument</c>.</summary>
public static partial class Validate
{
    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    public static bool IsId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) => value is not null && IdPattern().IsMatch(value);

    public static string Id(string? value, string name) =>
        value is not null && IdPattern().IsMatch(value)
            ? value
            : throw LiveCommerceException.Invalid($"{name} must be 1..64 letters, digits or _ . : -");

    /// <summary>Trimmed, NFC, invisible characters stripped; control and bidi characters refused (see TextHygiene).</summary>
    public static string Text(string? value, string name, int max)
    {
        var trimmed = value is null ? null : Moderation.TextHygiene.Clean(value, name);
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > max)
            throw LiveCommerceException.Invalid($"{name} must be 1..{max} characters");
        return trimmed;
    }

    public static string Region(string? value) =>
        value is not null && RegionPattern().IsMatch(value.ToUpperInvariant()) && IsoCodes.Regions.Contains(value.ToUpperInvariant())
            ? value.ToUpperInvariant()
            : throw LiveCommerceException.Invalid($"'{ErrorText.Clip(value, 16)}' is not an ISO 3166 alpha-2 region such as US");

    public static string Currency(string? value) =>
        value is not null && CurrencyPattern().IsMatch(value.ToUpperInvariant()) && IsoCodes.Currencies.Contains(value.ToUpperInvariant())
            ? value.ToUpperInvariant()
            : throw LiveCommerceException.Invalid("currency must be an ISO 4217 code such as USD");

    public static decimal Price(decimal value, string name = "price") =>
        value > 0 && value <= 10_000_000 && decimal.Round(value, 2) == value
            ? value
            : throw LiveCommerceException.Invalid($"{name} must be above 0, at most 10,000,000, with at most 2 decimals");

    public static decimal CommissionRate(decimal value) =>
        value is >= 0m and <= 0.8m ? value : throw LiveCommerceException.Invalid("commissionRate must be 0..0.8");

    public static int Range(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw LiveCommerceException.Invalid($"{name} must be {min}..{max:N0}");

    public static string? OptionalUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return PublicUrl.IsAcceptable(value)
            ? value
            : throw LiveCommerceException.Invalid("imageUrl must be an absolute http(s) URL to a public host");
    }
}

using System.Globalization;

namespace LiveCommerce.Client.Cli;

/// <summary>Invariant-culture number parsing with a message naming the field.</summary>
public static class Numbers
{
    public static decimal Decimal(string text, string field) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{field} must be a number, not '{text}'");

    public static int Int(string text, string field) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{field} must be a whole number, not '{text}'");
}

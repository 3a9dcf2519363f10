using LiveCommerce.Contracts.Commerce;

namespace LiveCommerce.Client.Cli;

/// <summary>Parses <c>productId:price:quantity:perUserLimit:durationSeconds[:startsInSeconds]</c> (the last field: a pre-heated sale).</summary>
public static class FlashSaleSpec
{
    public const string Format = "productId:price:quantity:perUserLimit:durationSeconds[:startsInSeconds]";

    public static FlashSaleRequest Parse(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length is not (5 or 6)) throw new FormatException($"flash sale '{spec}' is not {Format}");
        return Create(parts);
    }

    /// <summary>From the five or six words of the <c>sale</c> command or the fields of the spec.</summary>
    public static FlashSaleRequest Create(IReadOnlyList<string> fields) => new()
    {
        ProductId = fields[0],
        Price = Numbers.Decimal(fields[1], "price"),
        Quantity = Numbers.Int(fields[2], "quantity"),
        PerUserLimit = Numbers.Int(fields[3], "perUserLimit"),
        DurationSeconds = Numbers.Int(fields[4], "durationSeconds"),
        StartsInSeconds = fields.Count > 5 ? Numbers.Int(fields[5], "startsInSeconds") : null,
    };
}

using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Cli;

/// <summary>Parses <c>id:name:price:currency:stock</c> (the name may itself contain colons).</summary>
public static class ProductSpec
{
    public const string Format = "id:name:price:currency:stock";

    public static AddProductRequest Parse(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length < 5) throw new FormatException($"product '{spec}' is not {Format}");
        return new AddProductRequest
        {
            ProductId = parts[0],
            Name = string.Join(':', parts[1..^3]),
            Price = Numbers.Decimal(parts[^3], "price"),
            Currency = parts[^2],
            Stock = Numbers.Int(parts[^1], "stock"),
        };
    }
}

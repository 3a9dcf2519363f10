using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Grains.Rooms;

/// <summary>A host's flash sale request, checked whole (PROTOCOL.md "Flash sales"): bad input changes nothing.</summary>
public sealed record SaleRequest(string ProductId, decimal Price, int Quantity, int PerUserLimit, int DurationSeconds, int StartsInSeconds)
{
    public static SaleRequest From(FlashSaleRequest request) => new(
        Validate.Id(request.ProductId, "productId"),
        Validate.Price(request.Price),
        Validate.Range(request.Quantity, 1, 1_000_000, "quantity"),
        Validate.Range(request.PerUserLimit, 1, 1_000_000, "perUserLimit"),
        Validate.Range(request.DurationSeconds, 5, 86_400, "durationSeconds"),
        // v1.1 pre-heat: announced now, opened later; the duration counts from the opening.
        request.StartsInSeconds is { } seconds ? Validate.Range(seconds, 10, 300, "startsInSeconds") : 0);
}

/// <summary>The rules of a product a host puts in a room.</summary>
public static class NewProduct
{
    /// <summary>The product checked whole; the seller is the room's host unless named. Vouchers need their validity and where they are redeemed.</summary>
    public static Product From(AddProductRequest request, string hostId)
    {
        var product = new Product
        {
            ProductId = Validate.Id(request.ProductId, "productId"),
            Name = Validate.Text(request.Name, "name", 200),
            Price = Validate.Price(request.Price),
            Currency = Validate.Currency(request.Currency),
            Stock = Validate.Range(request.Stock, 0, 10_000_000, "stock"),
            ImageUrl = Validate.OptionalUrl(request.ImageUrl),
            Kind = request.Kind ?? ProductKind.Goods,
            CommissionRate = Validate.CommissionRate(request.CommissionRate ?? 0m),
            SellerId = request.SellerId is null ? hostId : Validate.Id(request.SellerId, "sellerId"),
        };
        return product.Kind != ProductKind.Voucher ? product : product with
        {
            ValidDays = Validate.Range(request.ValidDays ?? 0, 1, 365, "validDays"),
            RedeemAt = Validate.Text(request.RedeemAt, "redeemAt", 200),
        };
    }
}

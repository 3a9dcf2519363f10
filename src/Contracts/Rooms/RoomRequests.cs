using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Rooms;

/// <summary>Body of <c>POST /api/rooms</c>.</summary>
[GenerateSerializer, Immutable, Alias("CreateRoomRequest"), DataContract]
public sealed record CreateRoomRequest
{
    [Id(0), DataMember(Name = "title")] public string? Title { get; init; }
    [Id(1), DataMember(Name = "sellRegions")] public string[]? SellRegions { get; init; }
    [Id(2), DataMember(Name = "language")] public string? Language { get; init; }
    // v1.1 (Rooms).
    [Id(40), DataMember(Name = "streamUrl")] public string? StreamUrl { get; init; }
    [Id(41), DataMember(Name = "coverImageUrl")] public string? CoverImageUrl { get; init; }
    [Id(42), DataMember(Name = "scheduledAt")] public DateTime? ScheduledAt { get; init; }
    [Id(43), DataMember(Name = "buyKeyword")] public string? BuyKeyword { get; init; }
}

/// <summary>Body of <c>POST /api/rooms/{roomId}/products</c>.</summary>
[GenerateSerializer, Immutable, Alias("AddProductRequest"), DataContract]
public sealed record AddProductRequest
{
    [Id(0), DataMember(Name = "productId")] public string? ProductId { get; init; }
    [Id(1), DataMember(Name = "name")] public string? Name { get; init; }
    [Id(2), DataMember(Name = "price")] public decimal Price { get; init; }
    [Id(3), DataMember(Name = "currency")] public string? Currency { get; init; }
    [Id(4), DataMember(Name = "stock")] public int Stock { get; init; }
    [Id(5), DataMember(Name = "imageUrl")] public string? ImageUrl { get; init; }
    [Id(6), DataMember(Name = "kind")] public ProductKind? Kind { get; init; }
    [Id(7), DataMember(Name = "validDays")] public int? ValidDays { get; init; }
    [Id(8), DataMember(Name = "redeemAt")] public string? RedeemAt { get; init; }
    [Id(9), DataMember(Name = "commissionRate")] public decimal? CommissionRate { get; init; }
    [Id(10), DataMember(Name = "sellerId")] public string? SellerId { get; init; }
}

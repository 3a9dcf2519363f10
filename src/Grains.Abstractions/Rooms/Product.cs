using System.Runtime.Serialization;

namespace LiveCommerce.Rooms;

/// <summary>A product on sale in a room; <c>stock</c> is the units still available (not held, not sold).</summary>
[GenerateSerializer, Immutable, Alias("Product"), DataContract]
public sealed record Product
{
    [Id(0), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(1), DataMember(Name = "name")] public required string Name { get; init; }
    [Id(2), DataMember(Name = "price")] public required decimal Price { get; init; }
    [Id(3), DataMember(Name = "currency")] public required string Currency { get; init; }
    [Id(4), DataMember(Name = "stock")] public required int Stock { get; init; }
    [Id(5), DataMember(Name = "imageUrl")] public string? ImageUrl { get; init; }
}

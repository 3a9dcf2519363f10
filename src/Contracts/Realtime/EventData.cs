using System.Runtime.Serialization;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Contracts.Realtime;

// The `data` payloads of room and personal events (PROTOCOL.md, RoomEvent).

[GenerateSerializer, Immutable, Alias("CommentData"), DataContract]
public sealed record CommentData
{
    [Id(0), DataMember(Name = "commentId")] public required string CommentId { get; init; }
    [Id(1), DataMember(Name = "userId")] public required string UserId { get; init; }
    [Id(2), DataMember(Name = "name")] public required string Name { get; init; }
    [Id(3), DataMember(Name = "text")] public required string Text { get; init; }

    /// <summary><c>host</c> or <c>moderator</c> (v1.1), absent for everyone else: nobody can pass for the host by name.</summary>
    [Id(4), DataMember(Name = "badge", EmitDefaultValue = false)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Badge { get; init; }
}

/// <summary>The values of <see cref="CommentData.Badge"/>.</summary>
public static class Badges
{
    public const string Host = "host";
    public const string Moderator = "moderator";
}

[GenerateSerializer, Immutable, Alias("CommentDeletedData"), DataContract]
public sealed record CommentDeletedData
{
    [Id(0), DataMember(Name = "commentId")] public required string CommentId { get; init; }
}

[GenerateSerializer, Immutable, Alias("PinnedData"), DataContract]
public sealed record PinnedData
{
    [Id(0), DataMember(Name = "product")] public required Product Product { get; init; }
}

[GenerateSerializer, Immutable, Alias("EmptyData"), DataContract]
public sealed record EmptyData
{
    public static EmptyData Instance { get; } = new();
}

[GenerateSerializer, Immutable, Alias("FlashSaleStartedData"), DataContract]
public sealed record FlashSaleStartedData
{
    [Id(0), DataMember(Name = "saleId")] public required string SaleId { get; init; }
    [Id(1), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(2), DataMember(Name = "price")] public required decimal Price { get; init; }
    [Id(3), DataMember(Name = "quantity")] public required int Quantity { get; init; }
    [Id(4), DataMember(Name = "remaining")] public required int Remaining { get; init; }
    [Id(5), DataMember(Name = "perUserLimit")] public required int PerUserLimit { get; init; }
    [Id(6), DataMember(Name = "endsAt")] public required DateTime EndsAt { get; init; }
    // v1.1 pre-heat.
    [Id(40), DataMember(Name = "startsAt")] public DateTime StartsAt { get; init; }
    [Id(41), DataMember(Name = "status")] public FlashSaleStatus Status { get; init; }
}

[GenerateSerializer, Immutable, Alias("FlashSaleEndedData"), DataContract]
public sealed record FlashSaleEndedData
{
    [Id(0), DataMember(Name = "saleId")] public required string SaleId { get; init; }
    [Id(1), DataMember(Name = "sold")] public required int Sold { get; init; }
    /// <summary><c>soldOut</c>, <c>expired</c> or <c>host</c>.</summary>
    [Id(2), DataMember(Name = "reason")] public required FlashSaleEndReason Reason { get; init; }
}

[GenerateSerializer, Immutable, Alias("RoomStatusData"), DataContract]
public sealed record RoomStatusData
{
    [Id(0), DataMember(Name = "status")] public required RoomStatus Status { get; init; }
}

[GenerateSerializer, Immutable, Alias("UserMutedData"), DataContract]
public sealed record UserMutedData
{
    [Id(0), DataMember(Name = "userId")] public required string UserId { get; init; }
    [Id(1), DataMember(Name = "until")] public required DateTime Until { get; init; }
}

[GenerateSerializer, Immutable, Alias("SlowModeData"), DataContract]
public sealed record SlowModeData
{
    [Id(0), DataMember(Name = "seconds")] public required int Seconds { get; init; }
}

[GenerateSerializer, Immutable, Alias("LikesData"), DataContract]
public sealed record LikesData
{
    [Id(0), DataMember(Name = "total")] public required long Total { get; init; }
}

[GenerateSerializer, Immutable, Alias("StockData"), DataContract]
public sealed record StockData
{
    [Id(0), DataMember(Name = "saleId")] public required string SaleId { get; init; }
    [Id(1), DataMember(Name = "remaining")] public required int Remaining { get; init; }
}

[GenerateSerializer, Immutable, Alias("CartUpdatedData"), DataContract]
public sealed record CartUpdatedData
{
    [Id(0), DataMember(Name = "cart")] public required Cart Cart { get; init; }
}

[GenerateSerializer, Immutable, Alias("OrderUpdatedData"), DataContract]
public sealed record OrderUpdatedData
{
    [Id(0), DataMember(Name = "order")] public required Order Order { get; init; }
}

using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Social;

/// <summary>One recent order in the <c>buying</c> state event; the name is masked (<c>A***n</c>).</summary>
[GenerateSerializer, Immutable, Alias("BuyingEntry"), DataContract]
public sealed record BuyingEntry
{
    [Id(0), DataMember(Name = "name")] public required string Name { get; init; }
    [Id(1), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(2), DataMember(Name = "quantity")] public required int Quantity { get; init; }
    [Id(3), DataMember(Name = "at")] public required DateTime At { get; init; }
}

/// <summary>State event <c>buying</c>: the newest orders of the room, newest first, and the count of the last 60 s.</summary>
[GenerateSerializer, Immutable, Alias("BuyingData"), DataContract]
public sealed record BuyingData
{
    [Id(0), DataMember(Name = "recent")] public required BuyingEntry[] Recent { get; init; }
    [Id(1), DataMember(Name = "lastMinute")] public required int LastMinute { get; init; }
}

/// <summary>What a comment-to-buy comment did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommentToBuyResult>))]
public enum CommentToBuyResult
{
    [EnumMember(Value = "reserved"), JsonStringEnumMemberName("reserved")] Reserved,
    [EnumMember(Value = "addedToCart"), JsonStringEnumMemberName("addedToCart")] AddedToCart,
    [EnumMember(Value = "soldOut"), JsonStringEnumMemberName("soldOut")] SoldOut,
    [EnumMember(Value = "limitExceeded"), JsonStringEnumMemberName("limitExceeded")] LimitExceeded,
    [EnumMember(Value = "regionBlocked"), JsonStringEnumMemberName("regionBlocked")] RegionBlocked,
    [EnumMember(Value = "notFound"), JsonStringEnumMemberName("notFound")] NotFound,
}

/// <summary>Personal event <c>commentToBuy</c> to the comment's author.</summary>
[GenerateSerializer, Immutable, Alias("CommentToBuyData"), DataContract]
public sealed record CommentToBuyData
{
    [Id(0), DataMember(Name = "commentId")] public required string CommentId { get; init; }
    [Id(1), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(2), DataMember(Name = "quantity")] public required int Quantity { get; init; }
    [Id(3), DataMember(Name = "result")] public required CommentToBuyResult Result { get; init; }
    [Id(4), DataMember(Name = "orderId")] public string? OrderId { get; init; }
}

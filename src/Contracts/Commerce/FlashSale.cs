using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Commerce;

[JsonConverter(typeof(JsonStringEnumConverter<FlashSaleStatus>))]
public enum FlashSaleStatus
{
    [EnumMember(Value = "active"), JsonStringEnumMemberName("active")] Active,
    [EnumMember(Value = "ended"), JsonStringEnumMemberName("ended")] Ended,
    /// <summary>v1.1 pre-heat: announced, opens at <c>startsAt</c>.</summary>
    [EnumMember(Value = "upcoming"), JsonStringEnumMemberName("upcoming")] Upcoming,
}

/// <summary>Why a sale ended: at <c>endsAt</c>, by the host, or every unit paid (PROTOCOL.md v1.1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlashSaleEndReason>))]
public enum FlashSaleEndReason
{
    [EnumMember(Value = "soldOut"), JsonStringEnumMemberName("soldOut")] SoldOut,
    [EnumMember(Value = "expired"), JsonStringEnumMemberName("expired")] Expired,
    [EnumMember(Value = "host"), JsonStringEnumMemberName("host")] Host,
}

[GenerateSerializer, Immutable, Alias("FlashSale"), DataContract]
public sealed record FlashSale
{
    [Id(0), DataMember(Name = "saleId")] public required string SaleId { get; init; }
    [Id(1), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(2), DataMember(Name = "price")] public required decimal Price { get; init; }
    [Id(3), DataMember(Name = "quantity")] public required int Quantity { get; init; }
    [Id(4), DataMember(Name = "remaining")] public required int Remaining { get; init; }
    [Id(5), DataMember(Name = "perUserLimit")] public required int PerUserLimit { get; init; }
    [Id(6), DataMember(Name = "endsAt")] public required DateTime EndsAt { get; init; }
    [Id(7), DataMember(Name = "status")] public required FlashSaleStatus Status { get; init; }
    /// <summary>v1.1 pre-heat: when the sale opens (its start time when it opened at once).</summary>
    [Id(40), DataMember(Name = "startsAt")] public DateTime StartsAt { get; init; }
}

/// <summary>Argument of <c>StartFlashSale</c>.</summary>
[GenerateSerializer, Immutable, Alias("FlashSaleRequest"), DataContract]
public sealed record FlashSaleRequest
{
    [Id(0), DataMember(Name = "productId")] public string? ProductId { get; init; }
    [Id(1), DataMember(Name = "price")] public decimal Price { get; init; }
    [Id(2), DataMember(Name = "quantity")] public int Quantity { get; init; }
    [Id(3), DataMember(Name = "perUserLimit")] public int PerUserLimit { get; init; }
    [Id(4), DataMember(Name = "durationSeconds")] public int DurationSeconds { get; init; }
    /// <summary>v1.1 pre-heat: 10..300 announces the sale now and opens it later; absent opens it at once.</summary>
    [Id(40), DataMember(Name = "startsInSeconds")] public int? StartsInSeconds { get; init; }
}

/// <summary>Result of <c>StartFlashSale</c>.</summary>
[GenerateSerializer, Immutable, Alias("StartFlashSaleResult"), DataContract]
public sealed record StartFlashSaleResult
{
    [Id(0), DataMember(Name = "saleId")] public required string SaleId { get; init; }
    [Id(1), DataMember(Name = "endsAt")] public required DateTime EndsAt { get; init; }
    /// <summary>Added (v1.1 pre-heat): when the sale opens.</summary>
    [Id(40), DataMember(Name = "startsAt")] public DateTime StartsAt { get; init; }
}

using System.Runtime.Serialization;
using LiveCommerce.Contracts.Commerce;

namespace LiveCommerce.Contracts.Auctions;

/// <summary>Event <c>type</c>s of auctions (PROTOCOL.md, "Live auctions").</summary>
public static class AuctionEventTypes
{
    // Log events.
    public const string AuctionStarted = "auctionStarted";
    public const string BidPlaced = "bidPlaced";
    public const string AuctionEnded = "auctionEnded";

    // Personal events.
    public const string Outbid = "outbid";
    public const string AuctionWon = "auctionWon";
}

[GenerateSerializer, Immutable, Alias("AuctionStartedData"), DataContract]
public sealed record AuctionStartedData
{
    [Id(0), DataMember(Name = "auction")] public required Auction Auction { get; init; }
}

/// <summary>The visible price, the leader or <c>endsAt</c> changed. <c>bidderId</c>/<c>name</c> are the leader's: the one whose bid is now shown.</summary>
[GenerateSerializer, Immutable, Alias("BidPlacedData"), DataContract]
public sealed record BidPlacedData
{
    [Id(0), DataMember(Name = "auctionId")] public required string AuctionId { get; init; }
    [Id(1), DataMember(Name = "bidderId")] public required string BidderId { get; init; }
    [Id(2), DataMember(Name = "name")] public required string Name { get; init; }
    [Id(3), DataMember(Name = "currentBid")] public required decimal CurrentBid { get; init; }
    [Id(4), DataMember(Name = "endsAt")] public required DateTime EndsAt { get; init; }
    [Id(5), DataMember(Name = "bids")] public required int Bids { get; init; }
}

[GenerateSerializer, Immutable, Alias("AuctionEndedData"), DataContract]
public sealed record AuctionEndedData
{
    [Id(0), DataMember(Name = "auctionId")] public required string AuctionId { get; init; }
    [Id(1), DataMember(Name = "reason")] public required AuctionEndReason Reason { get; init; }
    [Id(2), DataMember(Name = "winnerId")] public string? WinnerId { get; init; }
    [Id(3), DataMember(Name = "name")] public string? Name { get; init; }
    [Id(4), DataMember(Name = "amount")] public decimal? Amount { get; init; }
    [Id(5), DataMember(Name = "orderId")] public string? OrderId { get; init; }
}

/// <summary>Personal: you just lost the lead.</summary>
[GenerateSerializer, Immutable, Alias("OutbidData"), DataContract]
public sealed record OutbidData
{
    [Id(0), DataMember(Name = "auctionId")] public required string AuctionId { get; init; }
    [Id(1), DataMember(Name = "currentBid")] public required decimal CurrentBid { get; init; }
    [Id(2), DataMember(Name = "minNextBid")] public required decimal MinNextBid { get; init; }
}

/// <summary>Personal: you won; the order is held for payment like any order.</summary>
[GenerateSerializer, Immutable, Alias("AuctionWonData"), DataContract]
public sealed record AuctionWonData
{
    [Id(0), DataMember(Name = "auctionId")] public required string AuctionId { get; init; }
    [Id(1), DataMember(Name = "order")] public required Order Order { get; init; }
}

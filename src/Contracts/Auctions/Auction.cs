using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Auctions;

/// <summary>An auction as everyone sees it: never a bidder's maximum.</summary>
[GenerateSerializer, Immutable, Alias("Auction"), DataContract]
public record Auction
{
    [Id(0), DataMember(Name = "auctionId")] public required string AuctionId { get; init; }
    [Id(1), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(2), DataMember(Name = "currency")] public required string Currency { get; init; }
    [Id(3), DataMember(Name = "startingBid")] public required decimal StartingBid { get; init; }
    [Id(4), DataMember(Name = "currentBid")] public decimal? CurrentBid { get; init; }
    [Id(5), DataMember(Name = "leaderId")] public string? LeaderId { get; init; }
    [Id(6), DataMember(Name = "leaderName")] public string? LeaderName { get; init; }
    [Id(7), DataMember(Name = "bids")] public required int Bids { get; init; }
    [Id(8), DataMember(Name = "minNextBid")] public required decimal MinNextBid { get; init; }
    [Id(9), DataMember(Name = "endsAt")] public required DateTime EndsAt { get; init; }
    [Id(10), DataMember(Name = "counterBidSeconds")] public required int CounterBidSeconds { get; init; }
    [Id(11), DataMember(Name = "suddenDeath")] public required bool SuddenDeath { get; init; }
    [Id(12), DataMember(Name = "status")] public required AuctionStatus Status { get; init; }
    [Id(13), DataMember(Name = "winnerId")] public string? WinnerId { get; init; }
    [Id(14), DataMember(Name = "orderId")] public string? OrderId { get; init; }
    /// <summary>Added to the protocol's shape: how it ended (<c>sold</c>, <c>noBids</c>, <c>cancelled</c>) once ended.</summary>
    [Id(15), DataMember(Name = "endReason")] public AuctionEndReason? EndReason { get; init; }
}

/// <summary><c>GET /api/rooms/{roomId}/auctions/{auctionId}</c>: the auction plus its public price history.</summary>
[GenerateSerializer, Immutable, Alias("AuctionDetails"), DataContract]
public sealed record AuctionDetails : Auction
{
    public AuctionDetails() { }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public AuctionDetails(Auction auction, BidHistoryEntry[] history) : base(auction) => History = history;

    [Id(0), DataMember(Name = "history")] public required BidHistoryEntry[] History { get; init; }
}

/// <summary>A change of the visible price: who holds it, the amount, when. No maxima.</summary>
[GenerateSerializer, Immutable, Alias("BidHistoryEntry"), DataContract]
public sealed record BidHistoryEntry
{
    [Id(0), DataMember(Name = "bidderName")] public required string BidderName { get; init; }
    [Id(1), DataMember(Name = "amount")] public required decimal Amount { get; init; }
    [Id(2), DataMember(Name = "at")] public required DateTime At { get; init; }
}

/// <summary>Argument of <c>StartAuction</c>.</summary>
[GenerateSerializer, Immutable, Alias("StartAuctionRequest"), DataContract]
public sealed record StartAuctionRequest
{
    [Id(0), DataMember(Name = "productId")] public string? ProductId { get; init; }
    [Id(1), DataMember(Name = "startingBid")] public decimal StartingBid { get; init; }
    [Id(2), DataMember(Name = "durationSeconds")] public int DurationSeconds { get; init; }
    [Id(3), DataMember(Name = "counterBidSeconds")] public int? CounterBidSeconds { get; init; }
    [Id(4), DataMember(Name = "suddenDeath")] public bool? SuddenDeath { get; init; }
}

/// <summary>Result of <c>PlaceBid</c>: a normal outcome (not an error) and the auction as it now stands.</summary>
[GenerateSerializer, Immutable, Alias("BidResult"), DataContract]
public sealed record BidResult
{
    [Id(0), DataMember(Name = "status")] public required BidStatus Status { get; init; }
    [Id(1), DataMember(Name = "auction")] public required Auction Auction { get; init; }
}

using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Grains.Auctions;

/// <summary>What the host set when the auction started.</summary>
[GenerateSerializer, Immutable, Alias("AuctionTerms")]
public sealed record AuctionTerms(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string HostId,
    [property: Id(2)] string ProductId,
    [property: Id(3)] string ProductName,
    [property: Id(4)] string Currency,
    [property: Id(5)] int CounterBidSeconds,
    [property: Id(6)] bool SuddenDeath,
    [property: Id(7)] string[] SellRegions);

/// <summary>An auction's persisted state: terms, bids, clock, outcome, and the follow-ups still owed.</summary>
[GenerateSerializer, Alias("AuctionState")]
public sealed class AuctionState : IStageMechanicState
{
    [Id(0)] public AuctionTerms? Terms { get; set; }
    [Id(1)] public BidBook Book { get; set; } = new();
    [Id(2)] public DateTime EndsAt { get; set; }
    [Id(3)] public AuctionStatus Status { get; set; }
    [Id(4)] public AuctionEndReason? EndReason { get; set; }
    /// <summary>The winner's order (held for payment), decided at the end.</summary>
    [Id(5)] public Order? WinnerOrder { get; set; }
    [Id(6)] public string? WinnerName { get; set; }
    /// <summary>Log events for the room, kept until it has them.</summary>
    [Id(7)] public StageOutbox Outbox { get; set; } = new();
    /// <summary>The shelf reference of the lot's unit: also the winner's order id, so paying sells that very unit.</summary>
    [Id(10)] public string LotReference { get; set; } = "";

    // Follow-ups after the end, each retried until done (the receivers are idempotent).
    /// <summary>The lot's unit is settled: back on the shelf (no winner, or the winner's order expired) or sold.</summary>
    [Id(8)] public bool UnitSettled { get; set; }
    /// <summary>The winner's order is recorded and in their order list; <c>auctionWon</c> went out.</summary>
    [Id(9)] public bool WinnerNotified { get; set; }

    // Not state (computed), so JSON grain storage leaves them out.
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore] public bool Started => Terms is not null;
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore] public bool Ended => Status == AuctionStatus.Ended;
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore] public DateTime? Deadline => Status == AuctionStatus.Active ? EndsAt : null;
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore] public bool Settled => Status == AuctionStatus.Ended && UnitSettled && (WinnerOrder is null || WinnerNotified) && Outbox.Pending.Count == 0;
}

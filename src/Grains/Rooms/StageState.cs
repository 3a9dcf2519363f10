using LiveCommerce.Auctions;
using LiveCommerce.Giveaways;

namespace LiveCommerce.Rooms;

/// <summary>The room's side of its auctions and giveaways (kept apart so that a comment does not rewrite it).</summary>
[GenerateSerializer, Alias("StageState")]
public sealed class StageState
{
    /// <summary>Slot → the mechanic running in it.</summary>
    [Id(0)] public Dictionary<StageSlot, string> Active { get; set; } = [];
    [Id(1)] public Dictionary<StageSlot, DateTime> OpenedAt { get; set; } = [];
    /// <summary>The active giveaway's entry keyword: matching comments are forwarded to it.</summary>
    [Id(2)] public string? GiveawayKeyword { get; set; }
    /// <summary>For the snapshot: the active auction and the last ended ones, oldest first.</summary>
    [Id(3)] public List<Auction> Auctions { get; set; } = [];
    [Id(4)] public List<Giveaway> Giveaways { get; set; } = [];
    /// <summary>Mechanic id → the number of its last appended log event.</summary>
    [Id(5)] public Dictionary<string, long> Appended { get; set; } = [];
    /// <summary>Units taken by mechanics, by taker id.</summary>
    [Id(6)] public Dictionary<string, UnitTake> Takes { get; set; } = [];
}

[GenerateSerializer, Alias("UnitTake")]
public sealed class UnitTake
{
    [Id(0)] public required string ProductId { get; init; }
    [Id(1)] public required int Quantity { get; init; }
    /// <summary>Follow-ups already applied (returns), so that a retried one changes nothing.</summary>
    [Id(2)] public HashSet<string> Applied { get; set; } = [];
}

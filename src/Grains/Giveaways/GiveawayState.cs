using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Grains.Giveaways;

/// <summary>What the host set when the giveaway started; <c>PrizeLine</c> is the units taken from the shelf for the prizes.</summary>
[GenerateSerializer, Immutable, Alias("GiveawayTerms")]
public sealed record GiveawayTerms(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string HostId,
    [property: Id(2)] string Prize,
    [property: Id(3)] LineItem? PrizeLine,
    [property: Id(4)] int Winners,
    [property: Id(5)] string? Keyword,
    [property: Id(6)] int? MinWatchSeconds,
    [property: Id(7)] string[] SellRegions);

/// <summary>A giveaway's persisted state: terms, the secret seed, entrants, the draw, and the follow-ups still owed.</summary>
[GenerateSerializer, Alias("GiveawayState")]
public sealed class GiveawayState : IStageMechanicState
{
    [Id(0)] public GiveawayTerms? Terms { get; set; }
    /// <summary>The 32-byte seed: secret until the draw, only its hash is shown before.</summary>
    [Id(1)] public byte[] Seed { get; set; } = [];
    [Id(2)] public DateTime EndsAt { get; set; }
    [Id(3)] public GiveawayStatus Status { get; set; }
    /// <summary>Entrant id → display name.</summary>
    [Id(4)] public Dictionary<string, string> Entrants { get; set; } = [];
    /// <summary>Users who commented the keyword since the start.</summary>
    [Id(5)] public HashSet<string> SaidKeyword { get; set; } = [];
    /// <summary>The winners in draw order.</summary>
    [Id(6)] public List<string> WinnerIds { get; set; } = [];
    /// <summary>Winner id → their paid, zero-total prize order (when the prize is a product).</summary>
    [Id(7)] public Dictionary<string, Order> PrizeOrders { get; set; } = [];
    [Id(8)] public StageOutbox Outbox { get; set; } = new();

    // Follow-ups after the draw, each retried until done (the receivers are idempotent).
    /// <summary>The prize units are settled on the shelf: one sold per winner, the rest back.</summary>
    [Id(9)] public bool PrizesSettled { get; set; }
    /// <summary>Winners whose prize order is placed and who heard <c>giveawayWon</c>.</summary>
    [Id(10)] public HashSet<string> Notified { get; set; } = [];

    // Not state (computed), so JSON grain storage leaves them out.
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore] public bool Started => Terms is not null;
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore] public bool Ended => Status == GiveawayStatus.Ended;
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore] public DateTime? Deadline => Status == GiveawayStatus.Active ? EndsAt : null;
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore] public bool Settled => Status == GiveawayStatus.Ended && PrizesSettled && Notified.Count == WinnerIds.Count && Outbox.Pending.Count == 0;
}

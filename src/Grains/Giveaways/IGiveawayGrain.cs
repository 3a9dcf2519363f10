using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Identity;

namespace LiveCommerce.Grains.Giveaways;

/// <summary>One giveaway, keyed <c>{roomId}.g{n}</c>: its entrants and its provably fair draw.</summary>
[Alias("IGiveawayGrain")]
public interface IGiveawayGrain : IGrainWithStringKey
{
    [Alias("Start")] Task<Giveaway> Start(Caller caller, StartGiveawayRequest request);
    [Alias("Enter")] Task<EnterGiveawayResult> Enter(Caller caller);
    /// <summary>From the room: the caller commented the keyword (after the start); enters them if otherwise eligible.</summary>
    [Alias("KeywordSaid")] Task KeywordSaid(Caller caller);
    /// <summary>The host draws before <c>endsAt</c>.</summary>
    [Alias("Draw")] Task<Giveaway> Draw(Caller caller);
    /// <summary>From the room, which ended: the giveaway is drawn now among its entrants; idempotent.</summary>
    [Alias("EndWithRoom")] Task EndWithRoom();
    [Alias("Get")] Task<Giveaway> Get();
    /// <summary>The entrant ids in ordinal order, published at the draw so that anyone can check it.</summary>
    [Alias("Entrants")] Task<string[]> Entrants();
    [Alias("WakeUp"), Orleans.Concurrency.OneWay] Task WakeUp();
}

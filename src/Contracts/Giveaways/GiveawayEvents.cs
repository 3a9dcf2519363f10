using System.Runtime.Serialization;
using LiveCommerce.Contracts.Commerce;

namespace LiveCommerce.Contracts.Giveaways;

/// <summary>Event <c>type</c>s of giveaways (PROTOCOL.md, "Giveaways").</summary>
public static class GiveawayEventTypes
{
    // Log events.
    public const string GiveawayStarted = "giveawayStarted";
    public const string GiveawayEnded = "giveawayEnded";

    // State event: the latest entrant count.
    public const string GiveawayEntrants = "giveawayEntrants";

    // Personal event.
    public const string GiveawayWon = "giveawayWon";
}

[GenerateSerializer, Immutable, Alias("GiveawayStartedData"), DataContract]
public sealed record GiveawayStartedData
{
    [Id(0), DataMember(Name = "giveaway")] public required Giveaway Giveaway { get; init; }
}

[GenerateSerializer, Immutable, Alias("GiveawayWinner"), DataContract]
public sealed record GiveawayWinner
{
    [Id(0), DataMember(Name = "userId")] public required string UserId { get; init; }
    [Id(1), DataMember(Name = "name")] public required string Name { get; init; }
}

/// <summary>The draw: the winners in draw order, and the seed that lets anyone repeat it.</summary>
[GenerateSerializer, Immutable, Alias("GiveawayEndedData"), DataContract]
public sealed record GiveawayEndedData
{
    [Id(0), DataMember(Name = "giveawayId")] public required string GiveawayId { get; init; }
    [Id(1), DataMember(Name = "entrants")] public required int Entrants { get; init; }
    [Id(2), DataMember(Name = "winners")] public required GiveawayWinner[] Winners { get; init; }
    [Id(3), DataMember(Name = "seed")] public required string Seed { get; init; }
}

[GenerateSerializer, Immutable, Alias("GiveawayEntrantsData"), DataContract]
public sealed record GiveawayEntrantsData
{
    [Id(0), DataMember(Name = "giveawayId")] public required string GiveawayId { get; init; }
    [Id(1), DataMember(Name = "count")] public required int Count { get; init; }
}

/// <summary>Personal: you won; <c>order</c> is the paid zero-total prize order when the prize is a product.</summary>
[GenerateSerializer, Immutable, Alias("GiveawayWonData"), DataContract]
public sealed record GiveawayWonData
{
    [Id(0), DataMember(Name = "giveawayId")] public required string GiveawayId { get; init; }
    [Id(1), DataMember(Name = "prize")] public required string Prize { get; init; }
    [Id(2), DataMember(Name = "order")] public Order? Order { get; init; }
}

using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Giveaways;

/// <summary>A giveaway as everyone sees it: <c>seed</c> and <c>winnerIds</c> appear at the draw.</summary>
[GenerateSerializer, Immutable, Alias("Giveaway"), DataContract]
public sealed record Giveaway
{
    [Id(0), DataMember(Name = "giveawayId")] public required string GiveawayId { get; init; }
    [Id(1), DataMember(Name = "prize")] public required string Prize { get; init; }
    [Id(2), DataMember(Name = "productId")] public string? ProductId { get; init; }
    [Id(3), DataMember(Name = "winners")] public required int Winners { get; init; }
    [Id(4), DataMember(Name = "endsAt")] public required DateTime EndsAt { get; init; }
    [Id(5), DataMember(Name = "keyword")] public string? Keyword { get; init; }
    [Id(6), DataMember(Name = "minWatchSeconds")] public int? MinWatchSeconds { get; init; }
    [Id(7), DataMember(Name = "seedHash")] public required string SeedHash { get; init; }
    [Id(8), DataMember(Name = "entrants")] public required int Entrants { get; init; }
    [Id(9), DataMember(Name = "status")] public required GiveawayStatus Status { get; init; }
    [Id(10), DataMember(Name = "seed")] public string? Seed { get; init; }
    [Id(11), DataMember(Name = "winnerIds")] public string[]? WinnerIds { get; init; }
}

/// <summary>Argument of <c>StartGiveaway</c>.</summary>
[GenerateSerializer, Immutable, Alias("StartGiveawayRequest"), DataContract]
public sealed record StartGiveawayRequest
{
    [Id(0), DataMember(Name = "prize")] public string? Prize { get; init; }
    [Id(1), DataMember(Name = "productId")] public string? ProductId { get; init; }
    [Id(2), DataMember(Name = "winners")] public int Winners { get; init; }
    [Id(3), DataMember(Name = "durationSeconds")] public int DurationSeconds { get; init; }
    [Id(4), DataMember(Name = "keyword")] public string? Keyword { get; init; }
    [Id(5), DataMember(Name = "minWatchSeconds")] public int? MinWatchSeconds { get; init; }
}

/// <summary>Result of <c>EnterGiveaway</c>.</summary>
[GenerateSerializer, Immutable, Alias("EnterGiveawayResult"), DataContract]
public sealed record EnterGiveawayResult
{
    [Id(0), DataMember(Name = "status")] public required EntryStatus Status { get; init; }
    /// <summary>With <c>notEligible</c>: the task still to do.</summary>
    [Id(1), DataMember(Name = "missing")] public EntryRequirement? Missing { get; init; }
}

using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Giveaways;

// PROTOCOL.md's spellings on both protocols (see LiveCommerce.Contracts.Protocol.WireEnum).

[JsonConverter(typeof(JsonStringEnumConverter<GiveawayStatus>))]
public enum GiveawayStatus
{
    [EnumMember(Value = "active"), JsonStringEnumMemberName("active")] Active,
    [EnumMember(Value = "ended"), JsonStringEnumMemberName("ended")] Ended,
}

/// <summary><c>EnterGiveaway</c>'s <c>status</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntryStatus>))]
public enum EntryStatus
{
    [EnumMember(Value = "entered"), JsonStringEnumMemberName("entered")] Entered,
    [EnumMember(Value = "alreadyEntered"), JsonStringEnumMemberName("alreadyEntered")] AlreadyEntered,
    [EnumMember(Value = "notEligible"), JsonStringEnumMemberName("notEligible")] NotEligible,
    [EnumMember(Value = "ended"), JsonStringEnumMemberName("ended")] Ended,
    [EnumMember(Value = "regionBlocked"), JsonStringEnumMemberName("regionBlocked")] RegionBlocked,
}

/// <summary>The entry task still missing (<c>missing</c> of a <c>notEligible</c> answer).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntryRequirement>))]
public enum EntryRequirement
{
    [EnumMember(Value = "keyword"), JsonStringEnumMemberName("keyword")] Keyword,
    [EnumMember(Value = "watchTime"), JsonStringEnumMemberName("watchTime")] WatchTime,
}

using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Auctions;

// PROTOCOL.md's spellings on both protocols (see LiveCommerce.Contracts.Protocol.WireEnum).

[JsonConverter(typeof(JsonStringEnumConverter<AuctionStatus>))]
public enum AuctionStatus
{
    [EnumMember(Value = "active"), JsonStringEnumMemberName("active")] Active,
    [EnumMember(Value = "ended"), JsonStringEnumMemberName("ended")] Ended,
}

/// <summary><c>BidResult.status</c>. A cancelled auction answers <c>notActive</c>; one whose time is up, <c>ended</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BidStatus>))]
public enum BidStatus
{
    [EnumMember(Value = "leading"), JsonStringEnumMemberName("leading")] Leading,
    [EnumMember(Value = "outbid"), JsonStringEnumMemberName("outbid")] Outbid,
    [EnumMember(Value = "tooLow"), JsonStringEnumMemberName("tooLow")] TooLow,
    [EnumMember(Value = "ended"), JsonStringEnumMemberName("ended")] Ended,
    [EnumMember(Value = "notActive"), JsonStringEnumMemberName("notActive")] NotActive,
    [EnumMember(Value = "regionBlocked"), JsonStringEnumMemberName("regionBlocked")] RegionBlocked,
}

/// <summary><c>auctionEnded.reason</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuctionEndReason>))]
public enum AuctionEndReason
{
    [EnumMember(Value = "sold"), JsonStringEnumMemberName("sold")] Sold,
    [EnumMember(Value = "noBids"), JsonStringEnumMemberName("noBids")] NoBids,
    [EnumMember(Value = "cancelled"), JsonStringEnumMemberName("cancelled")] Cancelled,
}

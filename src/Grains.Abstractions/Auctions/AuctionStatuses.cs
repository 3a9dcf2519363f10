namespace LiveCommerce.Auctions;

public enum AuctionStatus { Active, Ended }

/// <summary><c>BidResult.status</c>. A cancelled auction answers <c>notActive</c>; one whose time is up, <c>ended</c>.</summary>
public enum BidStatus { Leading, Outbid, TooLow, Ended, NotActive, RegionBlocked }

/// <summary><c>auctionEnded.reason</c>.</summary>
public enum AuctionEndReason { Sold, NoBids, Cancelled }

/// <summary>PROTOCOL.md's exact strings for the auction enums (the wire records carry strings).</summary>
public static class AuctionWire
{
    public static string ToWire(this AuctionStatus status) => status switch
    {
        AuctionStatus.Active => "active",
        AuctionStatus.Ended => "ended",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ToWire(this BidStatus status) => status switch
    {
        BidStatus.Leading => "leading",
        BidStatus.Outbid => "outbid",
        BidStatus.TooLow => "tooLow",
        BidStatus.Ended => "ended",
        BidStatus.NotActive => "notActive",
        BidStatus.RegionBlocked => "regionBlocked",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ToWire(this AuctionEndReason reason) => reason switch
    {
        AuctionEndReason.Sold => "sold",
        AuctionEndReason.NoBids => "noBids",
        AuctionEndReason.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}

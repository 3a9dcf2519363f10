namespace LiveCommerce.Giveaways;

public enum GiveawayStatus { Active, Ended }

/// <summary><c>EnterGiveaway</c>'s <c>status</c>.</summary>
public enum EntryStatus { Entered, AlreadyEntered, NotEligible, Ended, RegionBlocked }

/// <summary>The entry task still missing (<c>missing</c> of a <c>notEligible</c> answer).</summary>
public enum EntryRequirement { Keyword, WatchTime }

/// <summary>PROTOCOL.md's exact strings for the giveaway enums (the wire records carry strings).</summary>
public static class GiveawayWire
{
    public static string ToWire(this GiveawayStatus status) => status switch
    {
        GiveawayStatus.Active => "active",
        GiveawayStatus.Ended => "ended",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ToWire(this EntryStatus status) => status switch
    {
        EntryStatus.Entered => "entered",
        EntryStatus.AlreadyEntered => "alreadyEntered",
        EntryStatus.NotEligible => "notEligible",
        EntryStatus.Ended => "ended",
        EntryStatus.RegionBlocked => "regionBlocked",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ToWire(this EntryRequirement requirement) => requirement switch
    {
        EntryRequirement.Keyword => "keyword",
        EntryRequirement.WatchTime => "watchTime",
        _ => throw new ArgumentOutOfRangeException(nameof(requirement)),
    };
}

namespace LiveCommerce.Contracts.Protocol;

// Live auctions and giveaways (PROTOCOL.md v1.1).
public static partial class HubMethods
{
    public const string StartAuction = nameof(StartAuction);
    public const string PlaceBid = nameof(PlaceBid);
    public const string CancelAuction = nameof(CancelAuction);
    public const string StartGiveaway = nameof(StartGiveaway);
    public const string EnterGiveaway = nameof(EnterGiveaway);
    public const string DrawGiveaway = nameof(DrawGiveaway);
}

using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Grains.Commerce;

/// <summary>Configuration section <c>Commerce</c>.</summary>
public sealed class CommerceOptions
{
    public const string Section = "Commerce";

    /// <summary>How long a <c>pendingPayment</c> order holds its units before they go back to stock.</summary>
    [Range(1, 7 * 24 * 3600)] public int HoldSeconds { get; set; } = 300;

    [Range(1, 10_000)] public int MaxQuantityPerLine { get; set; } = 99;
    [Range(1, 500)] public int MaxCartLines { get; set; } = 50;

    /// <summary>Orders one user may have awaiting payment at once (checkouts and flash-sale reservations): more is <c>conflict</c>.</summary>
    [Range(1, 10_000)] public int OpenOrdersPerUser { get; set; } = 20;

    /// <summary>Order ids a buyer keeps in hot state; older ones move to pages read only when listed.</summary>
    [Range(10, 10_000)] public int RecentOrdersKept { get; set; } = 100;
}

using LiveCommerce.Contracts.Affiliates;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Affiliates;

/// <summary>What an order keeps of each product's terms when it is placed, to settle them when it is paid.</summary>
[GenerateSerializer, Immutable, Alias("LineTerms")]
public sealed record LineTerms(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string ProductId,
    [property: Id(2)] string HostId,
    [property: Id(3)] string SellerId,
    [property: Id(4)] decimal CommissionRate,
    [property: Id(5)] ProductKind Kind,
    [property: Id(6)] int? ValidDays,
    [property: Id(7)] string? RedeemAt);

/// <summary>A paid order's earning for the creator (host) of one of its rooms.</summary>
[GenerateSerializer, Alias("CreatorEarned")]
public sealed record CreatorEarned([property: Id(0)] string CreatorId, [property: Id(1)] Earning Earning) : FollowUp;

/// <summary>A paid order for the list of a seller whose product it holds.</summary>
[GenerateSerializer, Alias("SellerPaid")]
public sealed record SellerPaid([property: Id(0)] string SellerId) : FollowUp;

/// <summary>A voucher unit of a paid order, to issue under its code and add to the buyer's wallet.</summary>
[GenerateSerializer, Alias("VoucherToIssue")]
public sealed record VoucherToIssue([property: Id(0)] VoucherIssue Issue) : FollowUp;

/// <summary>The settlement of a paid order: commissions per room, sellers, voucher codes. A plain class, unit-testable.</summary>
public static class PaidOrderSettlement
{
    public static decimal Commission(IEnumerable<(decimal Amount, decimal Rate)> lines) =>
        decimal.Round(lines.Sum(l => l.Amount * l.Rate), 2, MidpointRounding.AwayFromZero);
}

using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Vouchers;

namespace LiveCommerce.Grains.Vouchers;

/// <summary>One voucher, keyed by its code: issued once, then redeemed once or refunded once.</summary>
[Alias("IVoucherGrain")]
public interface IVoucherGrain : IGrainWithStringKey
{
    /// <summary>
    /// Issues the voucher; true when this code now belongs to this order's unit (also on a retry), false
    /// when the code is already someone else's (the caller draws another code).
    /// </summary>
    [Alias("Issue")] Task<bool> Issue(VoucherIssue issue);
    /// <summary>The product's seller or the room's host redeems it on site: exactly once, before <c>validUntil</c>.</summary>
    [Alias("Redeem")] Task<Voucher> Redeem(Caller caller);
    /// <summary>The buyer gives an unredeemed voucher back; its unit goes back to the room's stock.</summary>
    [Alias("Refund")] Task<Voucher> Refund(Caller caller);
    /// <summary>The voucher as its buyer sees it (null for someone else's or an unknown code).</summary>
    [Alias("GetForBuyer")] Task<Voucher?> GetForBuyer(string buyerId);
}

/// <summary>One buyer's voucher codes, keyed by user id (<c>GET /api/vouchers</c>).</summary>
[Alias("IVoucherWalletGrain")]
public interface IVoucherWalletGrain : IGrainWithStringKey
{
    [Alias("Add")] Task Add(string code);
    /// <summary>The buyer's vouchers as they stand now, newest first.</summary>
    [Alias("List")] Task<Voucher[]> List();
}

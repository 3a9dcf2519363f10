using System.Security.Claims;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Vouchers;
using LiveCommerce.LiveHost.Affiliates;
using LiveCommerce.LiveHost.Identity;

namespace LiveCommerce.LiveHost.Vouchers;

/// <summary>Local-service vouchers (PROTOCOL.md v1.1): redeem on site, refund before, list one's own.</summary>
public static class VoucherEndpoints
{
    public static void MapVouchers(this WebApplication app)
    {
        var vouchers = app.MapGroup("/api/vouchers").WithTags("Vouchers");

        vouchers.MapGet("/", (ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IVoucherWalletGrain>(AffiliateEndpoints.SignedIn(user)).List());

        vouchers.MapPost("/{code}/redeem", (string code, ClaimsPrincipal user, IGrainFactory grains) =>
            Voucher(grains, code).Redeem(user.ToCaller()));

        vouchers.MapPost("/{code}/refund", (string code, ClaimsPrincipal user, IGrainFactory grains) =>
            Voucher(grains, code).Refund(user.ToCaller()));
    }

    /// <summary>The voucher's grain; a string that cannot be a code is <c>not_found</c> without activating anything.</summary>
    private static IVoucherGrain Voucher(IGrainFactory grains, string code) =>
        VoucherCodes.Normalize(code) is { } normalized
            ? grains.GetGrain<IVoucherGrain>(normalized)
            : throw LiveCommerceException.NotFound($"voucher '{code}' does not exist");
}

using LiveCommerce.LiveHost.Info;

namespace LiveCommerce.LiveHost.Coupons;

public static class CouponSetup
{
    /// <summary>Coupon drops, pre-heated flash sales and comment-to-buy are always on: <c>GET /api/info</c> lists them.</summary>
    public static void AddLiveCoupons(this WebApplicationBuilder builder)
    {
        builder.Services.AddServerFeature("coupons");
        builder.Services.AddServerFeature("preheat");
        builder.Services.AddServerFeature("commentToBuy");
    }
}

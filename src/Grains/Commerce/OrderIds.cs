using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.Grains.Commerce;

/// <summary>
/// Order ids derived from what made the order (the buyer, the idempotency key, the sale): a retry with
/// the same key names the same order, so the order record itself answers it once the hot state that
/// indexed the key (a sale's reservations, a buyer's checkouts) has been compacted.
/// </summary>
public static class OrderIds
{
    public static string ForSale(string saleId, string userId, string idempotencyKey) => Derive("sale", saleId, userId, idempotencyKey);

    public static string ForCheckout(string userId, string idempotencyKey) => Derive("checkout", userId, idempotencyKey);

    // 80 bits of SHA-256, like the random ids before: collisions are practically impossible.
    private static string Derive(params string[] parts) =>
        "o" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..20];
}

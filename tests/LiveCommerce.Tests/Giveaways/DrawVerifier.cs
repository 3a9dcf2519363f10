using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.Tests.Giveaways;

/// <summary>
/// PROTOCOL.md's draw rule written out independently of the server's FairDraw, as an outside
/// verifier would: hex by hand, ordinal sort, the first 8 digest bytes folded big-endian by shifts.
/// </summary>
public static class DrawVerifier
{
    public static string SeedHash(string seedHex) => string.Concat(SHA256.HashData(Convert.FromHexString(seedHex)).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    public static List<string> Winners(string seedHex, IEnumerable<string> entrants, int winners)
    {
        var left = entrants.OrderBy(e => e, StringComparer.Ordinal).ToList();
        var chosen = new List<string>();
        for (var k = 0; chosen.Count < winners && left.Count > 0; k++)
        {
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes(seedHex + ":" + k.ToString(CultureInfo.InvariantCulture)));
            ulong value = 0;
            for (var i = 0; i < 8; i++) value = (value << 8) | digest[i];
            var index = (int)(value % (ulong)left.Count);
            chosen.Add(left[index]);
            left.RemoveAt(index);
        }
        return chosen;
    }
}

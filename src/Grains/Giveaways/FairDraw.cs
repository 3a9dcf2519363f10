using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.Grains.Giveaways;

/// <summary>
/// The provably fair draw of PROTOCOL.md ("Giveaways"): a secret 32-byte seed whose SHA-256 is
/// published at the start and which is revealed at the draw; anyone holding the seed and the entrant
/// list can repeat the selection.
/// </summary>
public static class FairDraw
{
    public const int SeedBytes = 32;

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    /// <summary>Lowercase hex SHA-256 of the seed's 32 bytes (not of its hex text).</summary>
    public static string SeedHash(byte[] seed) => Convert.ToHexStringLower(SHA256.HashData(CheckSeed(seed)));

    /// <summary>The seed as revealed: 64 lowercase hex characters.</summary>
    public static string SeedHex(byte[] seed) => Convert.ToHexStringLower(CheckSeed(seed));

    /// <summary>
    /// Sorts the entrants by ordinal comparison; for k = 0, 1, ... takes SHA-256(UTF-8 of
    /// <c>seedhex + ":" + k</c>), reads its first 8 bytes as an unsigned big-endian integer, and removes and
    /// selects the entrant at that value modulo the entrants left; stops at <paramref name="winners"/>
    /// or when nobody is left.
    /// </summary>
    public static IReadOnlyList<string> Winners(string seedHex, IEnumerable<string> entrants, int winners)
    {
        var left = Sorted(entrants);
        var chosen = new List<string>(Math.Min(winners, left.Count));
        for (var k = 0; chosen.Count < winners && left.Count > 0; k++)
        {
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{seedHex}:{k}"));
            var index = (int)(BinaryPrimitives.ReadUInt64BigEndian(digest) % (ulong)left.Count);
            chosen.Add(left[index]);
            left.RemoveAt(index);
        }
        return chosen;
    }

    /// <summary>The entrant list as published for verification: ordinal order.</summary>
    public static List<string> Sorted(IEnumerable<string> entrants)
    {
        var list = entrants.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static byte[] CheckSeed(byte[] seed) =>
        seed.Length == SeedBytes ? seed : throw new ArgumentException($"a draw seed is {SeedBytes} bytes", nameof(seed));
}

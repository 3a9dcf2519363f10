using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>
/// Repeats a giveaway's draw from what the server published (PROTOCOL.md, "Giveaways"): the revealed
/// seed must hash to the <c>seedHash</c> announced at the start, and the published selection rule run
/// on the sorted entrant list must give exactly the winners the server named, in the same order.
/// </summary>
public sealed record GiveawayVerdict(bool Exact, IReadOnlyList<string> Winners, IReadOnlyList<string> Problems)
{
    public static IReadOnlyList<string> Draw(string seedHex, IReadOnlyList<string> entrants, int winners)
    {
        var left = entrants.Order(StringComparer.Ordinal).ToList();
        var picked = new List<string>();
        for (var k = 0; picked.Count < winners && left.Count > 0; k++)
        {
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{seedHex}:{k}"));
            var index = (int)(BinaryPrimitives.ReadUInt64BigEndian(digest) % (ulong)left.Count);
            picked.Add(left[index]);
            left.RemoveAt(index);
        }
        return picked;
    }

    public static GiveawayVerdict Evaluate(string seedHash, string? seedHex, IReadOnlyList<string> entrants, int winners, IReadOnlyList<string> announcedWinners)
    {
        var problems = new List<string>();
        if (seedHex is null || seedHex.Length != 64)
            return new GiveawayVerdict(false, [], ["no 64-hex-character seed was revealed"]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(seedHex)));
        if (hash != seedHash) problems.Add($"the seed hashes to {hash[..12]}..., the start announced {seedHash[..Math.Min(12, seedHash.Length)]}...");
        var expected = Draw(seedHex, entrants, winners);
        if (!expected.SequenceEqual(announcedWinners))
            problems.Add($"the rule draws {string.Join(',', expected)}, the server named {string.Join(',', announcedWinners)}");
        return new GiveawayVerdict(problems.Count == 0, expected, problems);
    }

    public string Summary => Exact
        ? $"exact: seed matches its hash, {Winners.Count} winner(s) re-drawn from the entrant list"
        : "NOT exact: " + string.Join("; ", Problems);
}

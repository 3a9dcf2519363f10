using LiveCommerce.Grains.Giveaways;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Tests;

public sealed class GiveawayVerdictTests
{
    [Fact]
    public void The_published_rule_gives_the_servers_draw_and_a_wrong_seed_is_caught()
    {
        var seed = new byte[32];
        new Random(7).NextBytes(seed);
        var seedHex = Convert.ToHexStringLower(seed);
        var hash = FairDraw.SeedHash(seed);
        string[] entrants = ["zoe", "amy", "Bob", "carl", "dan", "eve"];
        var server = FairDraw.Winners(seedHex, entrants, 3);
        var v = GiveawayVerdict.Evaluate(hash, seedHex, entrants, 3, server);
        Assert.True(v.Exact, v.Summary);

        var other = GiveawayVerdict.Evaluate(hash, seedHex.Replace(seedHex[0], seedHex[0] == 'a' ? 'b' : 'a'), entrants, 3, server);
        Assert.False(other.Exact);
        Assert.False(GiveawayVerdict.Evaluate(hash, seedHex, entrants, 3, [.. server.Reverse()]).Exact);
    }
}

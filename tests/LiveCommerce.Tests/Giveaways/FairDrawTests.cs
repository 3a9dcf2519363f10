using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Grains.Giveaways;

namespace LiveCommerce.Tests.Giveaways;

public sealed class FairDrawTests
{
    private static readonly byte[] CountingSeed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Seed_hash_is_the_lowercase_hex_sha256_of_the_32_bytes()
    {
        // Known answers (computed with Python's hashlib).
        Assert.Equal("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925", FairDraw.SeedHash(new byte[32]));
        Assert.Equal("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd", FairDraw.SeedHash(CountingSeed));
        Assert.Equal("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", FairDraw.SeedHex(CountingSeed));
    }

    [Fact]
    public void A_seed_is_32_fresh_random_bytes()
    {
        var (a, b) = (FairDraw.NewSeed(), FairDraw.NewSeed());
        Assert.Equal(32, a.Length);
        Assert.NotEqual(a, b);
        Assert.Throws<ArgumentException>(() => FairDraw.SeedHash(new byte[31]));
    }

    [Fact]
    public void The_draw_matches_a_known_answer()
    {
        // Computed with Python: entrants sorted by UTF-16 code unit, sha256(f"{seedhex}:{k}")[:8] big-endian mod left.
        string[] entrants = ["zoe", "Ann", "bob", "user-10", "user-9", "Émile", "carl", "_x"];
        Assert.Equal(["zoe", "Ann", "_x"], FairDraw.Winners(FairDraw.SeedHex(CountingSeed), entrants, 3));
        Assert.Equal(["Ann", "_x", "bob", "carl", "user-10", "user-9", "zoe", "Émile"], FairDraw.Sorted(entrants));
    }

    [Fact]
    public void Anyone_repeats_the_draw_from_the_seed_and_the_entrant_list()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var seed = new byte[32];
            random.NextBytes(seed);
            var entrants = Enumerable.Range(0, random.Next(0, 120)).Select(i => $"u{random.Next(100_000)}-{i}").ToArray();
            var winners = random.Next(1, 101);
            var drawn = FairDraw.Winners(FairDraw.SeedHex(seed), entrants, winners);
            Assert.Equal(DrawVerifier.Winners(FairDraw.SeedHex(seed), entrants, winners), drawn);
            Assert.Equal(DrawVerifier.SeedHash(FairDraw.SeedHex(seed)), FairDraw.SeedHash(seed));
            Assert.Equal(Math.Min(winners, entrants.Length), drawn.Count);
            Assert.Equal(drawn.Count, drawn.Distinct().Count());
        }
    }
}

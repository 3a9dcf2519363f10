using LiveCommerce.Contracts.Coupons;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Tests;

public sealed class CouponVerdictTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<ClaimStatus>> Attempts(params (string User, ClaimStatus[] Answers)[] users) =>
        users.ToDictionary(u => u.User, u => (IReadOnlyList<ClaimStatus>)u.Answers);

    private const ClaimStatus C = ClaimStatus.Claimed, A = ClaimStatus.AlreadyClaimed, S = ClaimStatus.SoldOut;

    [Fact]
    public void Exactly_the_quota_with_the_protocols_refusals_is_exact()
    {
        var attempts = Attempts(("u1", [C, A]), ("u2", [C, A]), ("u3", [S]), ("u4", [S]));
        var v = CouponVerdict.Evaluate(quota: 2, perUserLimit: 1, attempts, remaining: 0, new Dictionary<string, int> { ["u1"] = 1, ["u2"] = 1 });
        Assert.True(v.Exact, v.Summary);
        Assert.Equal((2, 4), (v.Claimed, v.Refused));
    }

    [Fact]
    public void An_over_claimed_drop_is_caught()
    {
        var attempts = Attempts(("u1", [C, C]), ("u2", [C, A]), ("u3", [C]));
        var v = CouponVerdict.Evaluate(quota: 2, perUserLimit: 1, attempts, remaining: 0, null);
        Assert.False(v.Exact);
        Assert.Equal(1, v.UsersOverLimit);
        Assert.Contains(v.Problems, p => p.Contains("exactly 2"));
    }

    [Fact]
    public void Early_refusals_and_lost_claims_are_caught()
    {
        // u2 was told alreadyClaimed before claiming anything; u3 soldOut while one is left; u1's claim is not in its wallet.
        var attempts = Attempts(("u1", [C, A]), ("u2", [A]), ("u3", [S]));
        var v = CouponVerdict.Evaluate(quota: 2, perUserLimit: 1, attempts, remaining: 1, new Dictionary<string, int>());
        Assert.False(v.Exact);
        Assert.Contains(v.Problems, p => p.Contains("alreadyClaimed"));
        Assert.Contains(v.Problems, p => p.Contains("soldOut"));
        Assert.Contains(v.Problems, p => p.Contains("missing from the wallets"));
    }

    [Fact]
    public void Claims_under_a_higher_per_user_limit_count_per_user()
    {
        var attempts = Attempts(("u1", [C, C, A]), ("u2", [C, S]));
        var v = CouponVerdict.Evaluate(quota: 3, perUserLimit: 2, attempts, remaining: 0, new Dictionary<string, int> { ["u1"] = 2, ["u2"] = 1 });
        Assert.True(v.Exact, v.Summary);
    }
}

using LiveCommerce.Contracts.Coupons;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>
/// Whether a claim stampede on one coupon drop stayed exact: exactly min(quota, claimers × perUserLimit)
/// claims succeeded, nobody holds more than <c>perUserLimit</c>, every refusal is the protocol's
/// (<c>alreadyClaimed</c> only once the user reached the limit, <c>soldOut</c> only once the quota is
/// gone), the drop's <c>remaining</c> is quota − claimed, and every acknowledged claim is in its user's wallet.
/// </summary>
public sealed record CouponVerdict(bool Exact, int Quota, int Claimed, int Refused, int UsersOverLimit, IReadOnlyList<string> Problems)
{
    /// <param name="attempts">Each claimer's answers in the order the claimer sent them (one claim at a time).</param>
    /// <param name="remaining">The drop's <c>remaining</c> as the server reports it afterwards.</param>
    /// <param name="wallets">Coupons of this drop in each claimer's <c>GetCoupons</c>; null when not read.</param>
    /// <param name="unanswered">Claims that got no answer (an error or timeout): each may or may not have gone through.</param>
    public static CouponVerdict Evaluate(int quota, int perUserLimit, IReadOnlyDictionary<string, IReadOnlyList<ClaimStatus>> attempts,
        int remaining, IReadOnlyDictionary<string, int>? wallets, int unanswered = 0)
    {
        var problems = new List<string>();
        var claimed = attempts.Values.Sum(a => a.Count(s => s == ClaimStatus.Claimed));
        var refused = attempts.Values.Sum(a => a.Count(s => s != ClaimStatus.Claimed));
        var expected = (int)Math.Min(quota, (long)attempts.Count * perUserLimit);
        var overLimit = attempts.Count(a => a.Value.Count(s => s == ClaimStatus.Claimed) > perUserLimit);
        if (claimed > expected || claimed < expected - unanswered) problems.Add($"{claimed} claim(s) succeeded, exactly {expected} should have");
        if (overLimit > 0) problems.Add($"{overLimit} user(s) over the limit of {perUserLimit}");

        int early = 0, earlySoldOut = 0, other = 0;
        foreach (var statuses in attempts.Values)
        {
            var mine = 0;
            foreach (var status in statuses)
            {
                switch (status)
                {
                    case ClaimStatus.Claimed: mine++; break;
                    case ClaimStatus.AlreadyClaimed when mine < perUserLimit: early++; break;
                    case ClaimStatus.SoldOut when remaining > 0: earlySoldOut++; break;
                    case ClaimStatus.AlreadyClaimed or ClaimStatus.SoldOut: break;
                    default: other++; break;
                }
            }
        }
        if (early > 0) problems.Add($"{early} alreadyClaimed answer(s) to users under the limit");
        if (earlySoldOut > 0) problems.Add($"{earlySoldOut} soldOut answer(s) though {remaining} claim(s) are still left");
        if (other > 0) problems.Add($"{other} answer(s) other than claimed, alreadyClaimed or soldOut during the claim window");
        if (quota - remaining < claimed || quota - remaining > claimed + unanswered)
            problems.Add($"the drop shows {remaining} left, quota − claimed = {quota - claimed}");
        if (wallets is not null)
        {
            var missing = attempts.Sum(a => Math.Max(0, a.Value.Count(s => s == ClaimStatus.Claimed) - wallets.GetValueOrDefault(a.Key)));
            var extra = attempts.Sum(a => Math.Max(0, wallets.GetValueOrDefault(a.Key) - a.Value.Count(s => s == ClaimStatus.Claimed)));
            if (missing > 0) problems.Add($"{missing} acknowledged claim(s) missing from the wallets");
            if (extra > unanswered) problems.Add($"{extra} coupon(s) in wallets that no claim acknowledged");
        }
        return new CouponVerdict(problems.Count == 0, quota, claimed, refused, overLimit, problems);
    }

    public string Summary => Exact
        ? $"exact: {Claimed} of quota {Quota} claimed, {Refused} refused (alreadyClaimed/soldOut), nobody over the limit, every claim in its wallet"
        : "NOT exact: " + string.Join("; ", Problems);
}


namespace LiveCommerce.Grains.Auctions;

/// <summary>
/// The clock rule: unless sudden death, a bid that changes the leader or the visible price with less
/// than <c>counterBidSeconds</c> left moves <c>endsAt</c> to now + <c>counterBidSeconds</c>.
/// </summary>
public static class AntiSniping
{
    public static DateTime EndsAt(DateTime endsAt, DateTime now, int counterBidSeconds, bool suddenDeath, bool visibleChange)
    {
        if (suddenDeath || !visibleChange) return endsAt;
        var counter = TimeSpan.FromSeconds(counterBidSeconds);
        return endsAt - now < counter ? now + counter : endsAt;
    }
}

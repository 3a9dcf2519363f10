
namespace LiveCommerce.Grains.Giveaways;

/// <summary>
/// Time each signed-in user has spent in the room since a mark (a giveaway's start), from the
/// presence the hosts report: a user is present while any of their connections, on any host, is in
/// the room. Counted in memory like the presence it comes from: after the room moves, the hosts
/// resend their audiences and counting resumes from then.
/// </summary>
public sealed class WatchTime
{
    private readonly Dictionary<string, TimeSpan> _banked = [];
    private readonly Dictionary<string, DateTime> _presentSince = [];
    private DateTime? _mark;

    /// <summary>Starts counting from zero at <paramref name="now"/>; users present now count from now.</summary>
    public void Mark(DateTime now)
    {
        _mark = now;
        _banked.Clear();
        foreach (var user in _presentSince.Keys.ToList()) _presentSince[user] = now;
    }

    public void Arrived(string userId, DateTime now) => _presentSince.TryAdd(userId, now);

    public void Departed(string userId, DateTime now)
    {
        if (!_presentSince.Remove(userId, out var since) || _mark is null) return;
        _banked[userId] = _banked.GetValueOrDefault(userId) + (now - since);
    }

    /// <summary>Time present since the mark; zero when there is no mark.</summary>
    public TimeSpan Of(string userId, DateTime now)
    {
        if (_mark is null) return TimeSpan.Zero;
        var total = _banked.GetValueOrDefault(userId);
        if (_presentSince.TryGetValue(userId, out var since)) total += now - since;
        return total;
    }
}

using LiveCommerce.Grains.Realtime;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// Who is in a room right now, from the hosts' presence reports. A user counts once however many
/// hosts and connections hold them; a guest counts per connection. Transient: after a reactivation
/// the hosts resend their audiences in full (see <see cref="PresenceReport.Epoch"/>).
/// </summary>
public sealed class AudienceTally
{
    private sealed class HostAudience
    {
        public HashSet<string> Users { get; } = [];
        public int Guests { get; set; }
        public DateTime LastReport { get; set; }
    }

    private readonly Dictionary<string, HostAudience> _hosts = [];
    private readonly Dictionary<string, int> _hostsPerUser = [];
    private int _guests;

    public int Current => _hostsPerUser.Count + _guests;

    /// <summary>Time each user has been present since the active giveaway started.</summary>
    public Giveaways.WatchTime Watch { get; } = new();

    /// <summary>Applies one host's report (a full report replaces what that host said before).</summary>
    public void Apply(PresenceReport report, DateTime now)
    {
        if (!_hosts.TryGetValue(report.HostId, out var host))
            _hosts[report.HostId] = host = new HostAudience();
        host.LastReport = now;

        if (report.Full)
        {
            foreach (var user in host.Users.Where(u => !report.Joined.Contains(u)).ToList()) Remove(host, user, now);
        }
        foreach (var user in report.Joined) Add(host, user, now);
        foreach (var user in report.Left) Remove(host, user, now);

        _guests += report.GuestsNow - host.Guests;
        host.Guests = report.GuestsNow;
    }

    /// <summary>Forgets hosts that stopped reporting (crashed); returns whether the count changed.</summary>
    public bool DropSilentHosts(DateTime now, TimeSpan timeout)
    {
        var silent = _hosts.Where(h => now - h.Value.LastReport > timeout).ToList();
        foreach (var (hostId, host) in silent)
        {
            foreach (var user in host.Users.ToList()) Remove(host, user, now);
            _guests -= host.Guests;
            _hosts.Remove(hostId);
        }
        return silent.Count > 0;
    }

    private void Add(HostAudience host, string user, DateTime now)
    {
        if (!host.Users.Add(user)) return;
        var hosts = _hostsPerUser.GetValueOrDefault(user) + 1;
        _hostsPerUser[user] = hosts;
        if (hosts == 1) Watch.Arrived(user, now);
    }

    private void Remove(HostAudience host, string user, DateTime now)
    {
        if (!host.Users.Remove(user)) return;
        var left = _hostsPerUser[user] - 1;
        if (left > 0)
        {
            _hostsPerUser[user] = left;
            return;
        }
        _hostsPerUser.Remove(user);
        Watch.Departed(user, now);
    }
}

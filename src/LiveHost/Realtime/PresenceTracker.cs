using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Telemetry;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// This host's audience per room: which connections watch which room, and for each user how many of
/// their connections are here. Only transitions (a user's first connection in, last out) become
/// report entries, gathered until the <see cref="PresenceReporter"/> takes them.
/// </summary>
public sealed class PresenceTracker(LiveCommerceMetrics? metrics = null)
{
    private sealed class RoomAudience
    {
        public readonly Dictionary<string, int> ConnectionsPerUser = [];
        public readonly HashSet<string> Joined = [];
        public readonly HashSet<string> Left = [];
        public readonly HashSet<string> Visited = [];
        public int Guests;
        /// <summary>Connections of this host in the room (users' and guests').</summary>
        public int Connections;
        public int GuestJoins;
        public bool Dirty;
        public bool NeedsFull = true;
        public Guid Epoch;
        public DateTime LastReport;
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, RoomAudience> _rooms = [];
    private readonly Dictionary<string, ConnectionRooms> _connections = [];

    /// <summary>
    /// One connection's rooms. Lists, not sets: a connection watches one room or a few, and at 10,000 viewers
    /// two hash sets per connection were ~0.4 KB each of the memory per viewer.
    /// </summary>
    private sealed class ConnectionRooms
    {
        public readonly List<string> Joined = new(1);
        /// <summary>Rooms a guest connection has ever joined, so that its view counts once however often it rejoins.</summary>
        public List<string>? Visited;
    }

    public string HostId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Counts the connection in the room; false when it already was.</summary>
    public bool Join(string connectionId, string roomId, string? userId)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var connection)) _connections[connectionId] = connection = new ConnectionRooms();
            if (connection.Joined.Contains(roomId)) return false;
            connection.Joined.Add(roomId);
            if (!_rooms.TryGetValue(roomId, out var room)) _rooms[roomId] = room = new RoomAudience();
            room.Dirty = true;
            room.Connections++;
            metrics?.ViewersJoined(1);
            if (userId is null)
            {
                room.Guests++;
                connection.Visited ??= new List<string>(1);
                if (!connection.Visited.Contains(roomId))
                {
                    connection.Visited.Add(roomId);
                    room.GuestJoins++;
                }
                return true;
            }
            var count = room.ConnectionsPerUser.GetValueOrDefault(userId);
            room.ConnectionsPerUser[userId] = count + 1;
            if (count == 0)
            {
                room.Visited.Add(userId);
                if (!room.Left.Remove(userId)) room.Joined.Add(userId);
            }
            return true;
        }
    }

    public void Leave(string connectionId, string roomId, string? userId)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var connection) || !connection.Joined.Remove(roomId)) return;
            if (connection.Joined.Count == 0 && connection.Visited is null) _connections.Remove(connectionId);
            LeaveRoom(roomId, userId);
        }
    }

    public void Disconnect(string connectionId, string? userId)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out var connection)) return;
            foreach (var roomId in connection.Joined) LeaveRoom(roomId, userId);
        }
    }

    private void LeaveRoom(string roomId, string? userId)
    {
        var room = _rooms[roomId];
        room.Dirty = true;
        room.Connections--;
        metrics?.ViewersJoined(-1);
        if (userId is null)
        {
            room.Guests--;
            return;
        }
        var count = room.ConnectionsPerUser[userId] - 1;
        if (count > 0)
        {
            room.ConnectionsPerUser[userId] = count;
            return;
        }
        room.ConnectionsPerUser.Remove(userId);
        if (!room.Joined.Remove(userId)) room.Left.Add(userId);
    }

    /// <summary>How many connections of this host have joined the room (the recipients of its frames here).</summary>
    public int ConnectionsIn(string roomId)
    {
        lock (_gate) return _rooms.TryGetValue(roomId, out var room) ? room.Connections : 0;
    }

    /// <summary>The reports due now: changed rooms, rooms owed a full resend, and heartbeats.</summary>
    public List<(string RoomId, PresenceReport Report)> TakeReports(DateTime now, TimeSpan heartbeat)
    {
        var reports = new List<(string, PresenceReport)>();
        lock (_gate)
        {
            foreach (var (roomId, room) in _rooms)
            {
                if (!room.Dirty && !room.NeedsFull && now - room.LastReport < heartbeat) continue;
                var full = room.NeedsFull;
                reports.Add((roomId, new PresenceReport(
                    HostId,
                    room.Epoch,
                    full,
                    full ? [.. room.ConnectionsPerUser.Keys] : [.. room.Joined],
                    full ? [] : [.. room.Left],
                    [.. room.Visited],
                    room.Guests,
                    room.GuestJoins)));
                room.Joined.Clear();
                room.Left.Clear();
                room.Visited.Clear();
                room.GuestJoins = 0;
                room.Dirty = false;
                room.NeedsFull = false;
                room.LastReport = now;
            }
            // A room nobody here watches any more is forgotten once its last report has gone.
            foreach (var roomId in _rooms.Where(r => r.Value.ConnectionsPerUser.Count == 0 && r.Value.Guests == 0).Select(r => r.Key).ToList())
                _rooms.Remove(roomId);
        }
        return reports;
    }

    /// <summary>Records the room's answer; a new epoch means the room lost our deltas and needs everything again.</summary>
    public void Acknowledge(string roomId, PresenceReport sent, Guid epoch)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomId, out var room)) return;
            if (sent.Full) room.Epoch = epoch;
            else if (epoch != sent.Epoch)
            {
                room.Epoch = epoch;
                room.NeedsFull = true;
            }
        }
    }

    /// <summary>A report that did not arrive: resend the whole audience next time.</summary>
    public void Failed(string roomId, PresenceReport sent)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomId, out var room))
            {
                // The room was forgotten with that report: bring it back to tell the room the users left.
                _rooms[roomId] = room = new RoomAudience();
            }
            foreach (var user in sent.Visited) room.Visited.Add(user);
            room.GuestJoins += sent.GuestJoins;
            room.NeedsFull = true;
        }
    }
}

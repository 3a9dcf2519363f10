using System.Diagnostics;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// A viewer of one room, connected to one host of the cluster, as a careful client would be: it keeps
/// the room log by seq (dropping repeats), notes every arrival that skipped a seq, and can move to
/// another host and <c>Resume</c> from the last seq it holds.
/// </summary>
public sealed class Watcher : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly string? _token;
    private readonly string _protocol;
    private readonly SortedDictionary<long, RoomEvent> _log = [];
    private readonly List<long> _arrivals = [];
    private readonly Dictionary<string, RoomEvent> _state = [];
    private readonly List<PersonalEvent> _personal = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _contiguous;

    private Watcher(string name, string roomId, string? token, string protocol)
    {
        Name = name;
        RoomId = roomId;
        _token = token;
        _protocol = protocol;
    }

    public string Name { get; }
    public string RoomId { get; }
    public LiveHostProcess? Host { get; private set; }
    public HubConnection? Connection { get; private set; }
    public RoomSnapshot? Snapshot { get; private set; }
    /// <summary>The seq of the snapshot the watcher started from.</summary>
    public long JoinedAtSeq { get; private set; }
    /// <summary>How often a frame's log event skipped past every seq held so far (opened a hole in the log).</summary>
    public int GapArrivals { get; private set; }
    /// <summary>Reconnect notices received (the host is shutting down).</summary>
    public int ReconnectNotices { get; private set; }
    /// <summary>The current connection was told to reconnect, or was closed by the server: time to move.</summary>
    public bool MustMove { get; private set; }

    /// <summary>Log events that came in by Resume rather than by a frame.</summary>
    public int ResumedEvents { get; private set; }

    public long Contiguous
    {
        get { lock (_gate) return _contiguous; }
    }

    /// <summary>Log seqs in the order their frames arrived (repeats dropped).</summary>
    public long[] Arrivals
    {
        get { lock (_gate) return [.. _arrivals]; }
    }

    public RoomEvent[] Log
    {
        get { lock (_gate) return [.. _log.Values]; }
    }

    public PersonalEvent[] Personal
    {
        get { lock (_gate) return [.. _personal]; }
    }

    public T? LatestState<T>(string type) where T : class
    {
        lock (_gate) return _state.TryGetValue(type, out var evt) ? EventData.Read<T>(evt.Data) : null;
    }

    /// <summary>Connects to <paramref name="host"/> and joins the room.</summary>
    public static async Task<Watcher> JoinAsync(string name, LiveHostProcess host, string roomId, string? token, string protocol = "json")
    {
        var watcher = new Watcher(name, roomId, token, protocol);
        await watcher.ConnectAsync(host);
        var snapshot = await watcher.Connection!.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId);
        lock (watcher._gate)
        {
            watcher.Snapshot = snapshot;
            watcher.JoinedAtSeq = snapshot.Seq;
            watcher._contiguous = snapshot.Seq;
            foreach (var seq in watcher._log.Keys.Where(s => s <= snapshot.Seq).ToList()) watcher._log.Remove(seq);
            watcher._arrivals.RemoveAll(s => s <= snapshot.Seq);
            watcher.Advance();
        }
        return watcher;
    }

    /// <summary>Opens a connection to <paramref name="host"/> (without joining the room).</summary>
    public static async Task<Watcher> ConnectOnlyAsync(string name, LiveHostProcess host, string? token, string protocol = "json")
    {
        var watcher = new Watcher(name, "", token, protocol);
        await watcher.ConnectAsync(host);
        return watcher;
    }

    private async Task ConnectAsync(LiveHostProcess host)
    {
        var builder = new HubConnectionBuilder().WithUrl(host.BaseUrl + LiveProtocol.HubPath, o =>
        {
            if (_token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(_token);
        });
        if (_protocol == "messagepack") builder.AddMessagePackProtocol(o => o.SerializerOptions = MessagePackWire.Options);
        var connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(30);
        connection.On<RoomFrame>(HubMethods.RoomFrame, frame => Record(frame.Events, resumed: false));
        connection.On<PersonalFrame>(HubMethods.PersonalFrame, frame =>
        {
            lock (_gate) _personal.AddRange(frame.Events);
            Signal();
        });
        connection.On<ReconnectNotice>(HubMethods.Reconnect, _ =>
        {
            lock (_gate)
            {
                ReconnectNotices++;
                if (ReferenceEquals(connection, Connection)) MustMove = true;
            }
            Signal();
        });
        connection.Closed += _ =>
        {
            lock (_gate)
            {
                if (ReferenceEquals(connection, Connection)) MustMove = true;
            }
            Signal();
            return Task.CompletedTask;
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await connection.StartAsync(cts.Token);
        lock (_gate)
        {
            Connection = connection;
            MustMove = false;
        }
        Host = host;
    }

    private void Record(IEnumerable<RoomEvent> events, bool resumed)
    {
        lock (_gate)
        {
            foreach (var evt in events)
            {
                if (evt.Seq is not { } seq)
                {
                    _state[evt.Type] = evt;
                    continue;
                }
                if (seq <= _contiguous || _log.ContainsKey(seq)) continue;
                var highest = _log.Count == 0 ? _contiguous : Math.Max(_contiguous, _log.Keys.Last());
                if (Snapshot is not null && seq > highest + 1 && !resumed) GapArrivals++;
                _log[seq] = evt;
                if (resumed) ResumedEvents++;
                else _arrivals.Add(seq);
                Advance();
            }
        }
        Signal();
    }

    private void Advance()
    {
        while (_log.ContainsKey(_contiguous + 1)) _contiguous++;
    }

    private void Signal()
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            signal = _changed;
            _changed = NewSignal();
        }
        signal.TrySetResult();
    }

    /// <summary>Waits until the log is complete up to <paramref name="seq"/>.</summary>
    public Task WaitForSeqAsync(long seq, TimeSpan timeout) =>
        WaitUntilAsync(w => w.Contiguous >= seq, timeout, $"{Name} to hold every log event up to seq {seq} (holds up to {Contiguous})");

    public async Task WaitUntilAsync(Func<Watcher, bool> condition, TimeSpan timeout, string because)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (condition(this)) return;
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                if (condition(this)) return;
                throw new TimeoutException($"timed out waiting for {because}");
            }
        }
    }

    /// <summary>
    /// Asks the current host for the log events after the last contiguous seq (what a client does when a
    /// frame skips a seq); returns how many events it filled in.
    /// </summary>
    public async Task<int> FillGapsAsync()
    {
        var before = ResumedEvents;
        var result = await Connection!.InvokeAsync<ResumeResult>(HubMethods.Resume, RoomId, Contiguous);
        if (result.Snapshot is not null) throw new InvalidOperationException($"{Name}: the room no longer holds the events after {Contiguous}");
        Record(result.Events, resumed: true);
        return ResumedEvents - before;
    }

    /// <summary>
    /// Moves to <paramref name="host"/> after the old one died: reconnects and calls <c>Resume(roomId,
    /// lastSeq)</c>, retrying while the room is unavailable. Returns the time until Resume succeeded.
    /// </summary>
    public async Task<TimeSpan> MoveToAsync(LiveHostProcess host, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var old = Connection;
        lock (_gate) Connection = null;
        if (old is not null) await old.DisposeAsync();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (Connection is null) await ConnectAsync(host);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var result = await Connection!.InvokeAsync<ResumeResult>(HubMethods.Resume, RoomId, Contiguous, cts.Token);
                if (result.Snapshot is not null) throw new InvalidOperationException($"{Name}: Resume gave a snapshot, the events after {Contiguous} are gone");
                Record(result.Events, resumed: true);
                return clock.Elapsed;
            }
            catch (Exception e) when (e is not InvalidOperationException)
            {
                last = e;
                await Pace.Backoff(TimeSpan.FromMilliseconds(100));
            }
        }
        throw new TimeoutException($"{Name} could not resume on {host} within {timeout}: {last?.Message}");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null) await Connection.DisposeAsync();
    }

    /// <summary>A short, protocol-independent description of a log event (for comparing viewers).</summary>
    public static string Describe(RoomEvent evt) => evt.Type switch
    {
        EventTypes.Comment => $"{evt.Seq}:comment:{EventData.Read<CommentData>(evt.Data).CommentId}:{EventData.Read<CommentData>(evt.Data).Text}",
        EventTypes.Pinned => $"{evt.Seq}:pinned:{EventData.Read<PinnedData>(evt.Data).Product.ProductId}",
        _ => $"{evt.Seq}:{evt.Type}",
    };
}

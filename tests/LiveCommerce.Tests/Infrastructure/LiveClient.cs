using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>A real SignalR client of the hub that records every frame it receives.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<RoomEvent> _received = [];
    private readonly List<PersonalEvent> _personal = [];
    private readonly List<RoomFrame> _frames = [];
    private readonly ChangeSignal _changed = new();

    public LiveClient(string baseUrl, string? token, string protocol)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(baseUrl + LiveProtocol.HubPath, o =>
            {
                if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            });
        if (protocol == "messagepack") builder.AddMessagePackProtocol(o => o.SerializerOptions = MessagePackWire.Options);
        Connection = builder.Build();
        Connection.On<RoomFrame>(HubMethods.RoomFrame, frame => Record(() =>
        {
            _frames.Add(frame);
            _received.AddRange(frame.Events);
        }));
        Connection.On<PersonalFrame>(HubMethods.PersonalFrame, frame => Record(() => _personal.AddRange(frame.Events)));
    }

    public HubConnection Connection { get; }

    public Task StartAsync() => Connection.StartAsync();

    public Task<RoomSnapshot> JoinAsync(string roomId) => Connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId);

    public RoomEvent[] Received
    {
        get { lock (_gate) return [.. _received]; }
    }

    /// <summary>Every room frame as received (with its v1.1 epoch).</summary>
    public RoomFrame[] Frames
    {
        get { lock (_gate) return [.. _frames]; }
    }

    public PersonalEvent[] Personal
    {
        get { lock (_gate) return [.. _personal]; }
    }

    /// <summary>Log events as received, skipping repeats of a seq already seen (snapshot/frame overlap).</summary>
    public RoomEvent[] LogAfter(long seq)
    {
        var result = new List<RoomEvent>();
        foreach (var evt in Received.Where(e => e.Seq is not null))
        {
            if (evt.Seq <= seq) continue;
            result.Add(evt);
            seq = evt.Seq!.Value;
        }
        return [.. result];
    }

    public T? LatestState<T>(string type) where T : class
    {
        var last = Received.LastOrDefault(e => e.Seq is null && e.Type == type);
        return last is null ? null : EventData.Read<T>(last.Data);
    }

    /// <summary>Waits (on frame arrivals, no polling) until the condition holds; fails after the timeout.</summary>
    public Task WaitUntilAsync(Func<LiveClient, bool> condition, TimeSpan? timeout = null, string? because = null) =>
        _changed.UntilAsync(() => condition(this), timeout, because);

    private void Record(Action add)
    {
        lock (_gate) add();
        _changed.Pulse();
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

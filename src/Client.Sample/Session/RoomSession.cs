using LiveCommerce.Client.Connection;
using LiveCommerce.Client.Output;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Client.Session;

/// <summary>
/// One room watched over one connection: joins it, prints what arrives, and after any reconnect (or a
/// gap in the log) calls <c>Resume(roomId, lastSeq)</c> so that no log event is missed.
/// </summary>
public sealed class RoomSession
{
    private readonly LiveConnection _connection;
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private int _droppedOnPurpose;

    public RoomSession(LiveConnection connection, string roomId)
    {
        _connection = connection;
        Feed = new RoomFeed(roomId, ShowSnapshot, ShowEvent);

        connection.OnRoomFrame(frame =>
        {
            // Not awaited: this runs on the receive loop, which the resume's own answer must pass through.
            switch (Feed.Receive(frame))
            {
                case FeedNeed.Resume: _ = Task.Run(() => ResumeAsync("catching up")); break;
                case FeedNeed.Snapshot: _ = Task.Run(JoinAsync); break;
            }
        });
        connection.OnPersonalFrame(frame =>
        {
            foreach (var e in frame.Events) EventPrinter.Print(e);
        });
        connection.Reconnecting += e =>
        {
            Out.Note($"connection lost{(e is null ? "" : $" ({e.Message})")}; reconnecting");
            return Task.CompletedTask;
        };
        connection.Reconnected += newConnectionId =>
        {
            // A new connection is in no group: Resume rejoins the room and returns what was missed meanwhile.
            _ = Task.Run(() => ResumeAsync("reconnected"));
            return Task.CompletedTask;
        };
        connection.Closed += e =>
        {
            // Closed is raised after StopAsync returns, so a deliberate drop is marked beforehand and consumed here.
            if (!_stopping && Interlocked.Exchange(ref _droppedOnPurpose, 0) == 0) _closed.TrySetResult(e);
            return Task.CompletedTask;
        };
    }

    public string RoomId => Feed.RoomId;

    public RoomFeed Feed { get; }

    public SaleBook Sales { get; } = new();

    public StageBook Stage { get; } = new();

    /// <summary>Completes when the connection closed for good without being asked to (the error, if any).</summary>
    public Task<Exception?> Closed => _closed.Task;

    public async Task<bool> JoinAsync()
    {
        await _sync.WaitAsync();
        try
        {
            Feed.BeginSync();
            Feed.Complete(await _connection.JoinRoom(RoomId));
            return true;
        }
        catch (Exception e)
        {
            Feed.Abort();
            Out.Error(e);
            return false;
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Resumes after <paramref name="fromSeq"/> (default: the last seq shown).</summary>
    public async Task<bool> ResumeAsync(string why, long? fromSeq = null)
    {
        await _sync.WaitAsync();
        try
        {
            var lastSeq = fromSeq ?? Feed.LastSeq;
            Out.Note($"{why}: Resume({RoomId}, {lastSeq})");
            Feed.BeginSync();
            Feed.Complete(await _connection.Resume(RoomId, lastSeq), lastSeq);
            return true;
        }
        catch (Exception e)
        {
            Feed.Abort();
            Out.Error(e);
            return false;
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Drops the connection on purpose, stays away a while, comes back and resumes: what a network blip does.</summary>
    public async Task ReconnectAsync(TimeSpan offline, CancellationToken ct)
    {
        Volatile.Write(ref _droppedOnPurpose, 1);
        await _connection.StopAsync(ct);
        Out.Note($"disconnected; back in {offline.TotalSeconds:0.#} s");
        await Task.Delay(offline, ct);
        await _connection.StartAsync(ct);
        await ResumeAsync("reconnected");
    }

    /// <summary>Leaves the room politely and closes, without letting a dead server hold up the exit.</summary>
    public async Task CloseAsync()
    {
        _stopping = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            if (_connection.State == HubConnectionState.Connected) await _connection.LeaveRoom(RoomId).WaitAsync(timeout.Token);
            await _connection.StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or HubException or TimeoutException)
        {
            // Leaving is a courtesy; the server also cleans up when the connection drops.
        }
    }

    private void ShowSnapshot(RoomSnapshot snapshot)
    {
        Sales.Observe(snapshot);
        Stage.Observe(snapshot);
        SnapshotPrinter.Print(snapshot);
    }

    private void ShowEvent(RoomEvent e)
    {
        EventPrinter.Print(e);
        try
        {
            Sales.Observe(e);
            Stage.Observe(e);
        }
        catch (Exception ex)
        {
            // The printer has already shown the odd event as it came; the books just do without it.
            Out.Note($"could not track sales, auctions, giveaways or coupons from #{e.Seq}: {ex.Message}");
        }
    }
}

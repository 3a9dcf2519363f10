using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

// The room log, the outbox and group commit: how a change becomes durable and then visible.
public sealed partial class LiveRoomGrain
{
    private RoomEvent AppendLog(string type, object data)
    {
        var evt = new RoomEvent { Seq = ++S.Seq, Type = type, At = Now, Data = data };
        _log.Append(evt);
        _outbox.Add(evt);
        _snapshot = null;
        return evt;
    }

    /// <summary>A state event: goes out with the next stored batch; only the newest per key matters.</summary>
    private void EmitState(string type, object data) =>
        _outbox.Add(new RoomEvent { Seq = null, Type = type, At = Now, Data = data });

    /// <summary>The log events after <paramref name="lastSeq"/>, or null when the window no longer reaches back that far.</summary>
    private RoomEvent[]? EventsAfter(long lastSeq) => _log.After(lastSeq, S.Seq);

    private Task Commit(bool room = true, bool audience = false, bool commerce = false, bool stage = false)
    {
        _roomDirty |= room;
        _stageDirty |= stage;
        _audienceDirty |= audience;
        _commerceDirty |= commerce;
        _snapshot = null;
        return _commit.CommitAsync();
    }

    private async Task WriteAsync()
    {
        var events = _outbox.Count == 0 ? null : _outbox.ToArray();
        _outbox.Clear();
        var (room, audience, commerce, stage) = (_roomDirty, _audienceDirty, _commerceDirty, _stageDirty);
        (_roomDirty, _audienceDirty, _commerceDirty, _stageDirty) = (false, false, false, false);
        try
        {
            // The log first: a crash between the two leaves stored events ahead of the room's seq,
            // which activation reconciles, rather than a seq whose event was never stored.
            await _log.WriteAsync();
            await Task.WhenAll(
                room ? _room.WriteStateAsync() : Task.CompletedTask,
                audience ? _audience.WriteStateAsync() : Task.CompletedTask,
                commerce ? _commerce.WriteStateAsync() : Task.CompletedTask,
                stage ? _stage.WriteStateAsync() : Task.CompletedTask);
        }
        catch
        {
            // Memory now holds changes that are not stored: start over from storage.
            DeactivateOnIdle();
            throw;
        }
        if (events is not null) _publisher.PublishRoom(RoomId, events);
    }

    private RoomSnapshot Snapshot()
    {
        _snapshot ??= new RoomSnapshot
        {
            Room = S.Room!,
            Seq = S.Seq,
            Viewers = new ViewerCounts(),
            Likes = S.Likes,
            Pinned = S.PinnedProductId is { } pinned ? S.Products.Find(p => p.ProductId == pinned) : null,
            Products = S.Products.ToArray(),
            FlashSales = S.FlashSales.ToArray(),
            RecentComments = S.RecentComments.ToArray(),
            Auctions = _stage.State.Auctions.ToArray(),
            Giveaways = _stage.State.Giveaways.ToArray(),
        };
        return _snapshot with { Viewers = ViewerCounts(), Likes = S.Likes };
    }
}

using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

// The room log, the outbox and group commit: how a change becomes durable and then visible.
public sealed partial class LiveRoomGrain
{
    private RoomEvent AppendLog(string type, object data)
    {
        var evt = new RoomEvent { Seq = ++S.Seq, Type = type, At = Now, Data = data };
        S.Log.Add(evt);
        // Trim in chunks so the window stays at least LogCapacity without shifting the list per event.
        if (S.Log.Count >= _options.LogCapacity + _options.LogCapacity / 8)
            S.Log.RemoveRange(0, S.Log.Count - _options.LogCapacity);
        _outbox.Add(evt);
        _snapshot = null;
        return evt;
    }

    /// <summary>A state event: goes out with the next stored batch; only the newest per key matters.</summary>
    private void EmitState(string type, object data) =>
        _outbox.Add(new RoomEvent { Seq = null, Type = type, At = Now, Data = data });

    /// <summary>The log events after <paramref name="lastSeq"/>, or null when the window no longer reaches back that far.</summary>
    private RoomEvent[]? EventsAfter(long lastSeq)
    {
        if (lastSeq >= S.Seq) return lastSeq == S.Seq ? [] : null;
        if (S.Log.Count == 0) return null;
        var oldest = S.Log[0].Seq!.Value;
        if (lastSeq + 1 < oldest) return null;
        var start = (int)(lastSeq + 1 - oldest);
        return S.Log.GetRange(start, S.Log.Count - start).ToArray();
    }

    private Task Commit(bool room = true, bool audience = false, bool commerce = false)
    {
        _roomDirty |= room;
        _audienceDirty |= audience;
        _commerceDirty |= commerce;
        _snapshot = null;
        return _commit.CommitAsync();
    }

    private async Task WriteAsync()
    {
        var events = _outbox.Count == 0 ? null : _outbox.ToArray();
        _outbox.Clear();
        var (room, audience, commerce) = (_roomDirty, _audienceDirty, _commerceDirty);
        (_roomDirty, _audienceDirty, _commerceDirty) = (false, false, false);
        try
        {
            await Task.WhenAll(
                room ? _room.WriteStateAsync() : Task.CompletedTask,
                audience ? _audience.WriteStateAsync() : Task.CompletedTask,
                commerce ? _commerce.WriteStateAsync() : Task.CompletedTask);
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
        };
        return _snapshot with { Viewers = ViewerCounts(), Likes = S.Likes };
    }
}

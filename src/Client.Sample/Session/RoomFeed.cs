using LiveCommerce.Client.Output;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Session;

/// <summary>
/// Decides which events of one room get shown, and in what order. Log events carry a gapless seq, so:
/// an event already shown (seq ≤ last shown; the server may send one both in a snapshot and in a frame)
/// is skipped; frames that arrive while a join or resume is in flight are held back until its answer is
/// shown, so missed events print before newer ones; and a gap in a live frame asks for a resume.
/// v1.1: a <c>head</c> beyond the last seq shown (a lost tail) asks for a resume too, and a frame or head
/// of another epoch (the room's log was lost and restarted) asks for a fresh snapshot.
/// </summary>
public sealed class RoomFeed(string roomId, Action<RoomSnapshot> showSnapshot, Action<RoomEvent> showEvent)
{
    private readonly Lock _gate = new();
    // Held events with the epoch of the frame that brought them: those of an epoch left behind are dropped.
    private readonly List<(string? Epoch, RoomEvent Event)> _held = [];
    private bool _syncing = true;
    private string? _epoch;

    public string RoomId => roomId;

    /// <summary>The seq of the last log event shown (or of the last snapshot); 0 before any.</summary>
    public long LastSeq
    {
        get { lock (_gate) return _lastSeq; }
    }

    private long _lastSeq;

    /// <summary>The epoch of the log shown (from the last snapshot); null before any or from a v1 server.</summary>
    public string? Epoch
    {
        get { lock (_gate) return _epoch; }
    }

    /// <summary>Holds frames back until <see cref="Complete(RoomSnapshot)"/>, <see cref="Complete(ResumeResult, long)"/> or <see cref="Abort"/>.</summary>
    public void BeginSync()
    {
        lock (_gate) _syncing = true;
    }

    public void Complete(RoomSnapshot snapshot)
    {
        lock (_gate)
        {
            ShowSnapshot(snapshot);
            Release();
        }
    }

    private void ShowSnapshot(RoomSnapshot snapshot)
    {
        showSnapshot(snapshot);
        _lastSeq = snapshot.Seq;
        if (!string.IsNullOrEmpty(snapshot.Epoch)) _epoch = snapshot.Epoch;
    }

    public void Complete(ResumeResult result, long fromSeq)
    {
        lock (_gate)
        {
            if (result.Snapshot is { } snapshot)
            {
                Out.Note($"resumed room {roomId}: the missed events are gone, here is a fresh snapshot");
                ShowSnapshot(snapshot);
            }
            else
            {
                Out.Note($"resumed room {roomId} after #{fromSeq}: {result.Events.Length} missed event(s)");
                _lastSeq = Math.Max(_lastSeq, fromSeq);
                foreach (var e in result.Events) ShowInOrder(e);
            }
            Release();
        }
    }

    /// <summary>The join or resume failed: show what was held rather than sit on it.</summary>
    public void Abort()
    {
        lock (_gate) Release();
    }

    /// <summary>Shows or holds a frame's events; true when the server must be asked (<see cref="Receive"/> says how).</summary>
    public bool OnFrame(RoomFrame frame) => Receive(frame) != FeedNeed.Nothing;

    /// <summary>Shows or holds a frame's events and says what the server must be asked for, if anything.</summary>
    public FeedNeed Receive(RoomFrame frame)
    {
        if (frame.RoomId != roomId) return FeedNeed.Nothing;
        lock (_gate)
        {
            if (_syncing)
            {
                Hold(frame, 0);
                return FeedNeed.Nothing;
            }
            if (IsNewEpoch(frame.Epoch))
            {
                Out.Note($"room {roomId} restarted its log (epoch {frame.Epoch}); taking a fresh snapshot");
                Hold(frame, 0);
                return FeedNeed.Snapshot;
            }
            for (var i = 0; i < frame.Events.Length; i++)
            {
                var e = frame.Events[i];
                var need = NeedOf(e);
                if (need != FeedNeed.Nothing)
                {
                    // Keep this and the rest until the resume (or snapshot) has filled the gap in front of them.
                    Hold(frame, i);
                    return need;
                }
                Show(e);
            }
            return FeedNeed.Nothing;
        }
    }

    private bool IsNewEpoch(string? epoch) => epoch is not null && _epoch is not null && epoch != _epoch;

    private FeedNeed NeedOf(RoomEvent e)
    {
        if (e.Seq is { } seq && seq > _lastSeq + 1)
        {
            Out.Note($"gap in room {roomId}: #{_lastSeq + 1}..#{seq - 1} never arrived");
            return FeedNeed.Resume;
        }
        if (e.Type != EventTypes.Head) return FeedNeed.Nothing;
        var head = EventData.Read<HeadData>(e.Data);
        if (IsNewEpoch(head.Epoch))
        {
            Out.Note($"room {roomId} restarted its log (epoch {head.Epoch}); taking a fresh snapshot");
            return FeedNeed.Snapshot;
        }
        if (head.Seq <= _lastSeq) return FeedNeed.Nothing;
        Out.Note($"room {roomId} is at #{head.Seq}: #{_lastSeq + 1}..#{head.Seq} never arrived");
        return FeedNeed.Resume;
    }

    private void Hold(RoomFrame frame, int from)
    {
        foreach (var e in frame.Events.AsSpan(from)) _held.Add((frame.Epoch, e));
        _syncing = true;
    }

    private void Release()
    {
        _syncing = false;
        var held = _held.ToArray();
        _held.Clear();
        foreach (var (epoch, e) in held)
            if (!IsNewEpoch(epoch)) ShowInOrder(e);
    }

    /// <summary>Shows an event after a sync; a gap here is the server's, so it is reported instead of chased.</summary>
    private void ShowInOrder(RoomEvent e)
    {
        if (e.Seq is { } seq && seq > _lastSeq + 1)
            Out.Note($"gap in room {roomId}: #{_lastSeq + 1}..#{seq - 1} missing");
        Show(e);
    }

    private void Show(RoomEvent e)
    {
        // A heartbeat is bookkeeping, not something to show.
        if (e.Type == EventTypes.Head) return;
        if (e.Seq is { } seq)
        {
            if (seq <= _lastSeq) return;
            _lastSeq = seq;
        }
        showEvent(e);
    }
}

/// <summary>What a room feed needs from the server after a frame.</summary>
public enum FeedNeed
{
    Nothing,
    /// <summary>Events were lost (a gap, or a <c>head</c> beyond the last seq shown): <c>Resume(roomId, lastSeq)</c>.</summary>
    Resume,
    /// <summary>The room's log restarted under a new epoch: seqs cannot be trusted, join again for a fresh snapshot.</summary>
    Snapshot,
}

using LiveCommerce.Client.Output;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Session;

/// <summary>
/// Decides which events of one room get shown, and in what order. Log events carry a gapless seq, so:
/// an event already shown (seq ≤ last shown; the server may send one both in a snapshot and in a frame)
/// is skipped; frames that arrive while a join or resume is in flight are held back until its answer is
/// shown, so missed events print before newer ones; and a gap in a live frame asks for a resume.
/// </summary>
public sealed class RoomFeed(string roomId, Action<RoomSnapshot> showSnapshot, Action<RoomEvent> showEvent)
{
    private readonly Lock _gate = new();
    private readonly List<RoomEvent> _held = [];
    private bool _syncing = true;

    public string RoomId => roomId;

    /// <summary>The seq of the last log event shown (or of the last snapshot); 0 before any.</summary>
    public long LastSeq
    {
        get { lock (_gate) return _lastSeq; }
    }

    private long _lastSeq;

    /// <summary>Holds frames back until <see cref="Complete(RoomSnapshot)"/>, <see cref="Complete(ResumeResult, long)"/> or <see cref="Abort"/>.</summary>
    public void BeginSync()
    {
        lock (_gate) _syncing = true;
    }

    public void Complete(RoomSnapshot snapshot)
    {
        lock (_gate)
        {
            showSnapshot(snapshot);
            _lastSeq = snapshot.Seq;
            Release();
        }
    }

    public void Complete(ResumeResult result, long fromSeq)
    {
        lock (_gate)
        {
            if (result.Snapshot is { } snapshot)
            {
                Out.Note($"resumed room {roomId}: the missed events are gone, here is a fresh snapshot");
                showSnapshot(snapshot);
                _lastSeq = snapshot.Seq;
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

    /// <summary>Shows or holds a frame's events; true when a gap means events were lost and a resume is due.</summary>
    public bool OnFrame(RoomFrame frame)
    {
        if (frame.RoomId != roomId) return false;
        lock (_gate)
        {
            if (_syncing)
            {
                _held.AddRange(frame.Events);
                return false;
            }
            for (var i = 0; i < frame.Events.Length; i++)
            {
                var e = frame.Events[i];
                if (e.Seq is { } seq && seq > _lastSeq + 1)
                {
                    // Keep this and the rest until the resume has filled the gap in front of them.
                    Out.Note($"gap in room {roomId}: #{_lastSeq + 1}..#{seq - 1} never arrived");
                    _held.AddRange(frame.Events[i..]);
                    _syncing = true;
                    return true;
                }
                Show(e);
            }
            return false;
        }
    }

    private void Release()
    {
        _syncing = false;
        var held = _held.ToArray();
        _held.Clear();
        foreach (var e in held) ShowInOrder(e);
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
        if (e.Seq is { } seq)
        {
            if (seq <= _lastSeq) return;
            _lastSeq = seq;
        }
        showEvent(e);
    }
}

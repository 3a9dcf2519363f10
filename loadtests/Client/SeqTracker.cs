namespace LiveCommerce.LoadTests.Client;

/// <summary>
/// Checks one viewer's log events against the protocol: gapless, strictly increasing seq. Frames may
/// arrive before the join's snapshot is handled; they wait until <see cref="Start"/> gives the floor
/// (events at or below the snapshot's seq are allowed duplicates, not errors).
/// </summary>
public sealed class SeqTracker
{
    private readonly object _gate = new();
    private List<long>? _early = [];
    private long _floor;
    private long _last;

    public long Missed { get; private set; }
    public long OutOfOrder { get; private set; }
    public long Last { get { lock (_gate) return _last; } }

    public void Start(long snapshotSeq)
    {
        lock (_gate)
        {
            _floor = _last = snapshotSeq;
            var early = _early!;
            _early = null;
            foreach (var seq in early) Apply(seq);
        }
    }

    public void Observe(long seq)
    {
        lock (_gate)
        {
            if (_early is not null) _early.Add(seq);
            else Apply(seq);
        }
    }

    /// <summary>Before a deliberate leave: frames are held until <see cref="Restart"/> gives the new floor.</summary>
    public void Pause()
    {
        lock (_gate) _early ??= [];
    }

    /// <summary>After the rejoin: the new snapshot is the new floor (what was missed while away is not an error).</summary>
    public void Restart(long snapshotSeq)
    {
        lock (_gate)
        {
            _floor = _last = Math.Max(_last, snapshotSeq);
            var early = _early ?? [];
            _early = null;
            foreach (var seq in early) Apply(seq);
        }
    }

    /// <summary>Counts what never came: the log reached <paramref name="expectedLast"/>.</summary>
    public void Finish(long expectedLast)
    {
        lock (_gate)
        {
            if (_early is null && expectedLast > _last) Missed += expectedLast - _last;
        }
    }

    private void Apply(long seq)
    {
        if (seq <= _floor) return;
        if (seq == _last + 1) _last = seq;
        else if (seq > _last + 1)
        {
            Missed += seq - _last - 1;
            _last = seq;
        }
        else OutOfOrder++;
    }
}

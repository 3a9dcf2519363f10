using LiveCommerce.Realtime;
using Orleans.Storage;

namespace LiveCommerce.Rooms;

[GenerateSerializer, Alias("LogSegment")]
public sealed class LogSegment
{
    [Id(0)] public List<RoomEvent> Events { get; set; } = [];
}

/// <summary>
/// The room log, stored as a ring of segments so that a write carries only the segment that changed
/// (a few hundred events) instead of the whole resume window. Segment <c>i</c> holds the seqs of every
/// block <c>b</c> with <c>b % Segments == i</c>; a block is overwritten when the ring comes round, so
/// the last <c>Segments - 1</c> full blocks (at least the configured capacity) are always held.
/// </summary>
public sealed class SegmentedLog(IGrainStorage storage, GrainId grainId, int capacity)
{
    private const int Segments = 5;
    private readonly int _blockSize = (capacity + Segments - 2) / (Segments - 1);
    private readonly GrainState<LogSegment>[] _segments = Enumerable.Range(0, Segments).Select(_ => new GrainState<LogSegment>(new LogSegment())).ToArray();
    private readonly HashSet<int> _dirty = [];

    private static string Name(int segment) => $"log{segment}";

    // A storage provider may leave the state null for a segment never written.
    private List<RoomEvent> Events(long index) => (_segments[index].State ??= new LogSegment()).Events;

    public async Task LoadAsync() =>
        await Task.WhenAll(_segments.Select((state, i) => storage.ReadStateAsync(Name(i), grainId, state)));

    /// <summary>The highest seq stored (to never hand out a seq twice after a partial write).</summary>
    public long LastSeq => Enumerable.Range(0, Segments).Select(i => Events(i).LastOrDefault()?.Seq ?? 0).Max();

    public void Append(RoomEvent evt)
    {
        var block = Block(evt.Seq!.Value);
        var events = Events(block % Segments);
        if (events.Count > 0 && Block(events[0].Seq!.Value) != block) events.Clear();
        events.Add(evt);
        _dirty.Add((int)(block % Segments));
    }

    /// <summary>Stores the segments changed since the last call.</summary>
    public Task WriteAsync()
    {
        if (_dirty.Count == 0) return Task.CompletedTask;
        var writes = _dirty.Select(i => storage.WriteStateAsync(Name(i), grainId, _segments[i])).ToArray();
        _dirty.Clear();
        return Task.WhenAll(writes);
    }

    /// <summary>Events after <paramref name="lastSeq"/> up to <paramref name="currentSeq"/>, or null when no longer held.</summary>
    public RoomEvent[]? After(long lastSeq, long currentSeq)
    {
        if (lastSeq >= currentSeq) return lastSeq == currentSeq ? [] : null;
        var current = Block(currentSeq);
        var oldest = Math.Max(0, current - (Segments - 1));
        var first = Block(lastSeq + 1);
        if (first < oldest) return null;
        var events = new List<RoomEvent>();
        for (var block = first; block <= current; block++)
            events.AddRange(Events(block % Segments).Where(e => e.Seq > lastSeq && Block(e.Seq!.Value) == block));
        return events.Count == currentSeq - lastSeq ? [.. events] : null;
    }

    /// <summary>Every held event, oldest first.</summary>
    public IEnumerable<RoomEvent> All => Enumerable.Range(0, Segments).SelectMany(i => Events(i)).OrderBy(e => e.Seq);

    private long Block(long seq) => (seq - 1) / _blockSize;
}

using LiveCommerce.Contracts.Realtime;
using Orleans.Storage;

namespace LiveCommerce.Grains.Rooms;

[GenerateSerializer, Alias("LogSegment")]
public sealed class LogSegment
{
    [Id(0)] public List<RoomEvent> Events { get; set; } = [];
}

/// <summary>
/// The room log, stored as a ring of segments so that a write carries only the segment that changed
/// (a few hundred events) instead of the whole resume window. Segment <c>i</c> holds the seqs of every
/// block <c>b</c> with <c>b % Segments == i</c>; the last <c>Segments - 1</c> full blocks (at least the
/// configured capacity) are always in the ring. When the ring comes round, the block it overwrites is
/// first stored whole in the archive (one storage entry per block, written once), so the whole log
/// stays readable for replay: the newest <c>archiveEvents</c> events at least.
/// </summary>
public sealed class SegmentedLog(IGrainStorage storage, GrainId grainId, int capacity, int archiveEvents = 0)
{
    private const int Segments = 5;
    private readonly int _blockSize = (capacity + Segments - 2) / (Segments - 1);
    private readonly GrainState<LogSegment>[] _segments = Enumerable.Range(0, Segments).Select(_ => new GrainState<LogSegment>(new LogSegment())).ToArray();
    private readonly HashSet<int> _dirty = [];
    private readonly List<(long Block, List<RoomEvent> Events)> _toArchive = [];
    // The archived block read last: replay pages through a block in several calls.
    private (long Block, List<RoomEvent> Events)? _lastArchiveRead;

    private static string Name(int segment) => $"log{segment}";
    private static string ArchiveName(long block) => $"archive{block}";

    /// <summary>Archived blocks kept; older ones are deleted as new ones come.</summary>
    private long ArchivedBlocksKept => (archiveEvents + _blockSize - 1) / _blockSize;

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
        if (events.Count > 0 && Block(events[0].Seq!.Value) is var old && old != block)
        {
            if (ArchivedBlocksKept > 0) _toArchive.Add((old, [.. events]));
            events.Clear();
        }
        events.Add(evt);
        _dirty.Add((int)(block % Segments));
    }

    /// <summary>Stores the segments changed since the last call, after archiving the blocks they overwrite.</summary>
    public async Task WriteAsync()
    {
        // The archive first: a crash before the ring write leaves the old block in the ring too, and it is
        // archived again (same content) the next time the ring comes round.
        if (_toArchive.Count > 0)
        {
            var archive = _toArchive.ToArray();
            _toArchive.Clear();
            foreach (var (block, events) in archive) await ArchiveAsync(block, events);
        }
        if (_dirty.Count == 0) return;
        var writes = _dirty.Select(i => storage.WriteStateAsync(Name(i), grainId, _segments[i])).ToArray();
        _dirty.Clear();
        await Task.WhenAll(writes);
    }

    private async Task ArchiveAsync(long block, List<RoomEvent> events)
    {
        // Read first for the entry's ETag: a block archived before a crash is written again.
        var state = new GrainState<LogSegment>(new LogSegment());
        await storage.ReadStateAsync(ArchiveName(block), grainId, state);
        state.State = new LogSegment { Events = events };
        await storage.WriteStateAsync(ArchiveName(block), grainId, state);

        var expired = block - ArchivedBlocksKept;
        if (expired < 0) return;
        var old = new GrainState<LogSegment>(new LogSegment());
        await storage.ReadStateAsync(ArchiveName(expired), grainId, old);
        if (old.RecordExists) await storage.ClearStateAsync(ArchiveName(expired), grainId, old);
    }

    /// <summary>Events after <paramref name="lastSeq"/> up to <paramref name="currentSeq"/>, or null when no longer held.</summary>
    public RoomEvent[]? After(long lastSeq, long currentSeq)
    {
        if (lastSeq >= currentSeq) return lastSeq == currentSeq ? [] : null;
        var first = Block(lastSeq + 1);
        if (first < OldestHeld(currentSeq)) return null;
        var events = new List<RoomEvent>();
        for (var block = first; block <= Block(currentSeq); block++) events.AddRange(HeldBlock(block).Where(e => e.Seq > lastSeq));
        return events.Count == currentSeq - lastSeq ? [.. events] : null;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events after <paramref name="lastSeq"/>, from the ring or the archive,
    /// in seq order. Starts at the oldest archived event when <paramref name="lastSeq"/> is older still.
    /// </summary>
    public async Task<RoomEvent[]> ReadAsync(long lastSeq, int limit, long currentSeq)
    {
        var events = new List<RoomEvent>(Math.Min(limit, 1024));
        var oldestHeld = OldestHeld(currentSeq);
        var block = Math.Max(Block(lastSeq + 1), Math.Max(0, oldestHeld - ArchivedBlocksKept));
        for (; events.Count < limit && lastSeq < currentSeq && block <= Block(currentSeq); block++)
        {
            var source = block >= oldestHeld ? HeldBlock(block) : await ArchivedBlockAsync(block);
            events.AddRange(source.Where(e => e.Seq > lastSeq && e.Seq <= currentSeq).Take(limit - events.Count));
        }
        return [.. events];
    }

    private async Task<List<RoomEvent>> ArchivedBlockAsync(long block)
    {
        if (_lastArchiveRead is { } cached && cached.Block == block) return cached.Events;
        var state = new GrainState<LogSegment>(new LogSegment());
        await storage.ReadStateAsync(ArchiveName(block), grainId, state);
        var events = state.State?.Events ?? [];
        _lastArchiveRead = (block, events);
        return events;
    }

    /// <summary>Every event in the ring, oldest first.</summary>
    public IEnumerable<RoomEvent> All => Enumerable.Range(0, Segments).SelectMany(i => Events(i)).OrderBy(e => e.Seq);

    private IEnumerable<RoomEvent> HeldBlock(long block) => Events(block % Segments).Where(e => Block(e.Seq!.Value) == block);

    private long OldestHeld(long currentSeq) => Math.Max(0, Block(currentSeq) - (Segments - 1));

    private long Block(long seq) => (seq - 1) / _blockSize;
}

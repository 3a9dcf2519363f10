using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using Orleans.Runtime;
using Orleans.Storage;

namespace LiveCommerce.Tests.Unit;

/// <summary>The room log's ring of segments: the resume window, what a write carries, and a reload.</summary>
public sealed class SegmentedLogTests
{
    /// <summary>Grain storage in a dictionary, copying on write and read like a real provider.</summary>
    private sealed class DictionaryStorage : IGrainStorage
    {
        public Dictionary<string, List<RoomEvent>> Stored { get; } = [];
        public List<string> Writes { get; } = [];

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (Stored.TryGetValue(stateName, out var events)) ((IGrainState<LogSegment>)grainState).State = new LogSegment { Events = [.. events] };
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Writes.Add(stateName);
            Stored[stateName] = [.. ((IGrainState<LogSegment>)grainState).State!.Events];
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }

    private static readonly GrainId Room = GrainId.Create("room", "r1");
    private readonly DictionaryStorage _storage = new();

    private static RoomEvent Event(long seq) => new() { Seq = seq, Type = EventTypes.Comment, At = DateTime.UnixEpoch, Data = EmptyData.Instance };

    private static SegmentedLog Filled(IGrainStorage storage, int capacity, long upTo)
    {
        var log = new SegmentedLog(storage, Room, capacity);
        for (var seq = 1; seq <= upTo; seq++) log.Append(Event(seq));
        return log;
    }

    [Fact]
    public void Holds_at_least_the_capacity_and_answers_null_beyond_it()
    {
        var log = Filled(_storage, capacity: 100, upTo: 1_000);
        Assert.Equal(Enumerable.Range(901, 100).Select(i => (long)i), log.After(900, 1_000)!.Select(e => e.Seq!.Value));
        Assert.Null(log.After(100, 1_000));
        Assert.Empty(log.After(1_000, 1_000)!);
        Assert.Null(log.After(1_001, 1_000));
    }

    [Fact]
    public async Task A_write_carries_only_the_segments_that_changed_and_a_reload_gets_them_back()
    {
        var log = Filled(_storage, capacity: 100, upTo: 30);
        await log.WriteAsync();
        // Blocks of 25 (capacity over four of the five segments): 30 events fill two segments.
        Assert.Equal(["log0", "log1"], _storage.Writes.Order());
        _storage.Writes.Clear();
        log.Append(Event(31));
        await log.WriteAsync();
        await log.WriteAsync(); // nothing new: no write
        Assert.Equal(["log1"], _storage.Writes);

        var reloaded = new SegmentedLog(_storage, Room, 100);
        await reloaded.LoadAsync();
        Assert.Equal(31, reloaded.LastSeq);
        Assert.Equal(Enumerable.Range(1, 31).Select(i => (long)i), reloaded.All.Select(e => e.Seq!.Value));
    }
}

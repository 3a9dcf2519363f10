using Orleans.Storage;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>
/// The test cluster's grain storage: memory storage that fails a share of writes while a test says so.
/// Half the failures happen before the write (nothing stored), half after it (stored, but the grain is
/// told it failed): the ambiguous case a storage timeout causes, where only idempotent retries keep
/// the books straight.
/// </summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    /// <summary>The memory storage behind it (registered under this name).</summary>
    public const string InnerName = "live-inner";

    private static readonly Lock Gate = new();
    private static Random? _failing;
    private static double _share;
    private static bool _ambiguous;

    /// <summary>Writes that failed since the last <see cref="Fail"/>.</summary>
    public static int Failures;

    /// <summary>
    /// Until disposed, fails about <paramref name="share"/> of all writes (a seeded sequence); with
    /// <paramref name="ambiguous"/>, half of them after the write was stored.
    /// </summary>
    public static IDisposable Fail(double share, bool ambiguous = true, int seed = 9)
    {
        lock (Gate)
        {
            _failing = new Random(seed);
            _share = share;
            _ambiguous = ambiguous;
            Failures = 0;
        }
        return new Healing();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var fault = Draw();
        if (fault == Fault.Before) throw Injected(stateName, grainId);
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (fault == Fault.After) throw Injected(stateName, grainId);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    private enum Fault { None, Before, After }

    private static Fault Draw()
    {
        lock (Gate)
        {
            if (_failing is null) return Fault.None;
            var draw = _failing.NextDouble();
            if (draw >= _share) return Fault.None;
            Failures++;
            return !_ambiguous || draw < _share / 2 ? Fault.Before : Fault.After;
        }
    }

    private static IOException Injected(string stateName, GrainId grainId) => new($"injected storage fault writing {stateName} of {grainId}");

    private sealed class Healing : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) _failing = null;
        }
    }
}

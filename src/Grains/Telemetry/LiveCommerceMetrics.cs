using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Grains.Telemetry;

/// <summary>
/// The server's own meter, <c>LiveCommerce</c>: every instrument is defined here and recorded through
/// a method of this class, so names, units and attribute keys stay in one place (docs/operations.md
/// lists them). Names and units follow the OpenTelemetry semantic conventions: dotted lower-case
/// names, UCUM units (<c>s</c>) or annotations in braces (<c>{connection}</c>), counters without a
/// <c>_total</c> suffix (the Prometheus exporter adds it).
/// </summary>
public sealed class LiveCommerceMetrics
{
    public const string MeterName = "LiveCommerce";

    /// <summary>Spans of our own (group commits, storage writes) next to Orleans' and SignalR's.</summary>
    public static readonly ActivitySource ActivitySource = new(MeterName);

    // Attribute keys: the registered ones where a convention exists, ours under livecommerce.*.
    public const string MethodKey = "rpc.method";
    public const string ErrorKey = "error.type";
    public const string RoomKey = "livecommerce.room.id";
    public const string OutcomeKey = "livecommerce.outcome";
    public const string EventTypeKey = "livecommerce.event.type";
    public const string FrameKindKey = "livecommerce.frame.kind";
    public const string GrainKey = "livecommerce.grain.type";
    public const string ClaimKindKey = "livecommerce.claim.kind";

    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly UpDownCounter<long> _connections;
    private readonly UpDownCounter<long> _joinedViewers;
    private readonly Counter<long> _framesSent;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _logEventsAppended;
    private readonly Counter<long> _stateEventsCoalesced;
    private readonly Counter<long> _hubInvocations;
    private readonly Histogram<double> _hubInvocationDuration;
    private readonly Counter<long> _hubRefusals;
    private readonly Counter<long> _purchaseAttempts;
    private readonly Counter<long> _bidAttempts;
    private readonly Counter<long> _claimAttempts;
    private readonly Histogram<int> _groupCommitBatchSize;
    private readonly Histogram<double> _groupCommitDuration;
    private readonly Counter<long> _holdExpirations;
    private readonly Counter<long> _translationCalls;
    private readonly Counter<long> _translationCacheHits;

    public LiveCommerceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _connections = UpDown(meter, "livecommerce.connections", "{connection}", "Hub connections open on this host.");
        _joinedViewers = UpDown(meter, "livecommerce.viewers.joined", "{connection}", "Hub connections of this host that have joined a room (one per connection and room).");
        _framesSent = Count(meter, "livecommerce.frames.sent", "{frame}", "RoomFrame and PersonalFrame messages this host sent (one per frame, whatever the audience).");
        _deliveries = Count(meter, "livecommerce.deliveries", "{event}", "Room events delivered: each event of a frame this host sends counts once per connection of this host joined to the room (viewers on other hosts of a cluster get the frame through Redis and are not counted).");
        _logEventsAppended = Count(meter, "livecommerce.log.events.appended", "{event}", "Log events (with a seq) appended to room logs by grains on this host.");
        _stateEventsCoalesced = Count(meter, "livecommerce.state.events.coalesced", "{event}", "State events dropped because a newer one of the same kind and key replaced them before the frame went out.");
        _hubInvocations = Count(meter, "livecommerce.hub.invocations", "{invocation}", "Hub method invocations by method and outcome (ok, refused, failed).");
        _hubInvocationDuration = Distribution(meter, "livecommerce.hub.invocation.duration", "s", "Time from a hub invocation's arrival to its answer.", SecondsBuckets);
        _hubRefusals = Count(meter, "livecommerce.hub.refusals", "{invocation}", "Hub invocations refused with a protocol error code, by method and code (error.type).");
        _purchaseAttempts = Count(meter, "livecommerce.purchase.attempts", "{attempt}", "Purchase attempts answered with a PurchaseResult, by status (reserved, soldOut, limitExceeded, notActive, regionBlocked).");
        _bidAttempts = Count(meter, "livecommerce.bid.attempts", "{attempt}", "Auction bids answered, by outcome.");
        _claimAttempts = Count(meter, "livecommerce.claim.attempts", "{attempt}", "Giveaway and coupon claims answered, by kind and outcome.");
        _groupCommitBatchSize = Distribution(meter, "livecommerce.group_commit.batch.size", "{change}", "Callers acknowledged by one group-commit write.", BatchBuckets);
        _groupCommitDuration = Distribution(meter, "livecommerce.group_commit.duration", "s", "Storage time of one group-commit write.", SecondsBuckets);
        _holdExpirations = Count(meter, "livecommerce.holds.expired", "{hold}", "Stock holds of unpaid orders that expired and gave their units back.");
        _translationCalls = Count(meter, "livecommerce.translation.calls", "{call}", "Calls to the translation provider, by outcome (ok, failed).");
        _translationCacheHits = Count(meter, "livecommerce.translation.cache.hits", "{hit}", "Translations answered from the cache without calling the provider.");
    }

    // Every instrument: a name, a unit and a description (histograms with their buckets).
    private static UpDownCounter<long> UpDown(Meter meter, string name, string unit, string description) => meter.CreateUpDownCounter<long>(name, unit, description);

    private static Counter<long> Count(Meter meter, string name, string unit, string description) => meter.CreateCounter<long>(name, unit, description);

    private static Histogram<T> Distribution<T>(Meter meter, string name, string unit, string description, T[] buckets) where T : struct =>
        meter.CreateHistogram(name, unit, description, advice: new InstrumentAdvice<T> { HistogramBucketBoundaries = buckets });

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    public void ConnectionOpened() => _connections.Add(1);
    public void ConnectionClosed() => _connections.Add(-1);

    /// <summary>Connections joining (+n) or leaving (−n) rooms on this host.</summary>
    public void ViewersJoined(int delta)
    {
        if (delta != 0) _joinedViewers.Add(delta);
    }

    /// <summary>A frame sent; <paramref name="kind"/> is <c>room</c> or <c>personal</c>.</summary>
    public void FrameSent(string kind, int events, int recipients)
    {
        var tag = Tag(FrameKindKey, kind);
        _framesSent.Add(1, tag);
        if (events > 0 && recipients > 0) _deliveries.Add((long)events * recipients, tag);
    }

    public void LogEventAppended(string type) => _logEventsAppended.Add(1, Tag(EventTypeKey, type));

    public void StateEventCoalesced(string type) => _stateEventsCoalesced.Add(1, Tag(EventTypeKey, type));

    /// <summary>A hub invocation ended: <paramref name="errorCode"/> is the protocol code when refused, null when it succeeded.</summary>
    public void HubInvoked(string method, TimeSpan duration, string? errorCode, bool failed)
    {
        var outcome = failed ? "failed" : errorCode is null ? "ok" : "refused";
        var methodTag = Tag(MethodKey, method);
        _hubInvocations.Add(1, methodTag, Tag(OutcomeKey, outcome));
        _hubInvocationDuration.Record(duration.TotalSeconds, methodTag);
        if (errorCode is not null) _hubRefusals.Add(1, methodTag, Tag(ErrorKey, errorCode));
    }

    /// <summary>A purchase answered; <paramref name="status"/> is PurchaseResult.status as on the wire.</summary>
    public void PurchaseAttempted(string status) => _purchaseAttempts.Add(1, Tag(OutcomeKey, status));

    /// <summary>An auction bid answered; <paramref name="outcome"/> is the bid result's status as on the wire.</summary>
    public void BidAttempted(string outcome) => _bidAttempts.Add(1, Tag(OutcomeKey, outcome));

    /// <summary>A claim answered; <paramref name="kind"/> is <c>giveaway</c> or <c>coupon</c>, <paramref name="outcome"/> its status on the wire.</summary>
    public void ClaimAttempted(string kind, string outcome) =>
        _claimAttempts.Add(1, Tag(ClaimKindKey, kind), Tag(OutcomeKey, outcome));

    /// <summary>One group-commit write of <paramref name="grainType"/> (<c>room</c>, <c>shelf</c>...) that acknowledged <paramref name="callers"/>.</summary>
    public void GroupCommitted(string grainType, int callers, TimeSpan duration, bool failed)
    {
        var grain = Tag(GrainKey, grainType);
        _groupCommitBatchSize.Record(callers, grain);
        if (failed) _groupCommitDuration.Record(duration.TotalSeconds, grain, Tag(ErrorKey, "storage"));
        else _groupCommitDuration.Record(duration.TotalSeconds, grain);
    }

    public void HoldsExpired(int holds = 1)
    {
        if (holds > 0) _holdExpirations.Add(holds);
    }

    public void TranslationCalled(bool succeeded) => _translationCalls.Add(1, Tag(OutcomeKey, succeeded ? "ok" : "failed"));

    public void TranslationCacheHit() => _translationCacheHits.Add(1);
}

public static class LiveCommerceMetricsSetup
{
    /// <summary>Registers the meter class (idempotent): hosts, test silos and grains all share this one call.</summary>
    public static IServiceCollection AddLiveCommerceMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<LiveCommerceMetrics>();
        return services;
    }
}

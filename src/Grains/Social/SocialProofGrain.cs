using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Realtime;
using Orleans.Concurrency;

namespace LiveCommerce.Grains.Social;

/// <summary>The room's "who is buying" feed, keyed by room id. Told of every order placed in the room.</summary>
[Alias("ISocialProofGrain")]
public interface ISocialProofGrain : IGrainWithStringKey
{
    /// <summary>An order was placed (a reservation, a checkout, an auction win).</summary>
    [Alias("OrderPlaced"), OneWay] Task OrderPlaced(string? buyerName, string productId, int quantity, DateTime at);
}

/// <summary>
/// Keeps the newest orders of one room in memory and publishes them as the <c>buying</c> state event,
/// which the frame publisher coalesces (a stampede of orders costs one value per frame). Social proof
/// is a view, not a record: a restart starts the feed afresh, and no order depends on it.
/// </summary>
[Reentrant]
public sealed class SocialProofGrain(IRoomPublisher publisher, TimeProvider time) : Grain, ISocialProofGrain
{
    private readonly BuyingFeed _feed = new();
    private IGrainTimer? _timer;
    private int _lastMinutePublished;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public Task OrderPlaced(string? buyerName, string productId, int quantity, DateTime at)
    {
        _feed.Record(buyerName, productId, quantity, at);
        Publish();
        // lastMinute falls as time passes without orders: a timer says so while it is above zero.
        _timer ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)) { Interleave = true });
        return Task.CompletedTask;
    }

    private Task TickAsync(CancellationToken cancellationToken)
    {
        if (_feed.LastMinute(Now) != _lastMinutePublished) Publish();
        if (_lastMinutePublished == 0)
        {
            _timer?.Dispose();
            _timer = null;
        }
        return Task.CompletedTask;
    }

    private void Publish()
    {
        var view = _feed.View(Now);
        _lastMinutePublished = view.LastMinute;
        publisher.PublishRoom(this.GetPrimaryKeyString(), [new RoomEvent { Type = EventTypes.Buying, At = Now, Data = view }]);
    }
}

namespace LiveCommerce.LiveHost.Limits;

/// <summary>
/// A token bucket refilled from the clock when it is spent from, not by a timer. A connection holds two
/// of these: System.Threading.RateLimiting's auto-replenishing limiters each own a timer (two timers
/// and their limiter state per connection, ~2 KB, and 10,000 timer callbacks a second at 10,000 viewers).
/// </summary>
public sealed class LazyTokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _perSecond;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _refilledAt;

    public LazyTokenBucket(double capacity, double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        (_capacity, _perSecond, _time) = (capacity, perSecond, time);
        _tokens = capacity;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>Takes <paramref name="cost"/> tokens, or none and says when they will be there.</summary>
    public bool TrySpend(int cost, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + _time.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond);
            _refilledAt = now;
            if (_tokens >= cost)
            {
                _tokens -= cost;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds((cost - _tokens) / _perSecond);
            return false;
        }
    }
}

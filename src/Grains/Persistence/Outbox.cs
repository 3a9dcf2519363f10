namespace LiveCommerce.Grains.Persistence;

/// <summary>
/// A change another grain must hear of (units back to the shelf, an order expired, a sale's end...).
/// Stored in the sender's state together with the change that caused it, so it cannot be lost.
/// </summary>
[GenerateSerializer, Alias("FollowUp")]
public abstract record FollowUp
{
    [Id(0)] public long Seq { get; init; }
}

/// <summary>The part of a grain's state that holds its follow-ups not yet acknowledged.</summary>
[GenerateSerializer, Alias("OutboxState")]
public sealed class OutboxState
{
    [Id(0)] public List<FollowUp> Pending { get; set; } = [];
    [Id(1)] public long LastSeq { get; set; }
}

/// <summary>
/// Delivers a grain's stored follow-ups in order, each until its receiver acknowledges it (receivers
/// are idempotent, so a delivery repeated after a crash is harmless). Only follow-ups already stored
/// are delivered: one added after the write in flight began waits for the next write, so a receiver
/// never hears of a change the sender could still lose. Acknowledged ones are forgotten with the
/// sender's next write. Runs on the grain's scheduler; needs no locks. With a batch delivery, up to
/// <c>maxBatch</c> stored follow-ups go in one call (a stampede costs one call per batch, not one each).
/// </summary>
public sealed class Outbox(Func<OutboxState> state, Func<IReadOnlyList<FollowUp>, Task> deliverBatch, int maxBatch)
{
    private long _stored;
    private bool _delivering;

    /// <summary>One follow-up per call.</summary>
    public Outbox(Func<OutboxState> state, Func<FollowUp, Task> deliver) : this(state, batch => deliver(batch[0]), maxBatch: 1)
    {
    }

    private OutboxState S => state();

    public bool HasPending => S.Pending.Count > 0;

    public void Add(FollowUp followUp) => S.Pending.Add(followUp with { Seq = ++S.LastSeq });

    /// <summary>Call before a write begins; pass the result to <see cref="Stored"/> once it succeeded.</summary>
    public long Mark() => S.LastSeq;

    public void Stored(long mark) => _stored = Math.Max(_stored, mark);

    /// <summary>Sends what is stored, oldest first, stopping at the first failure (tried again later).
    /// Returns how many were acknowledged (the caller writes its state to forget them).</summary>
    public async Task<int> DeliverAsync()
    {
        if (_delivering) return 0;
        _delivering = true;
        var acknowledged = 0;
        try
        {
            while (StoredBatch() is { Count: > 0 } batch)
            {
                try
                {
                    await deliverBatch(batch);
                }
                catch (Exception)
                {
                    // The receiver is down or moving: the timer tries again; the entries stay stored.
                    break;
                }
                S.Pending.RemoveRange(0, batch.Count);
                acknowledged += batch.Count;
            }
        }
        finally
        {
            _delivering = false;
        }
        return acknowledged;
    }

    private List<FollowUp> StoredBatch() => [.. S.Pending.TakeWhile(f => f.Seq <= _stored).Take(maxBatch)];
}

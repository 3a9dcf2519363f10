using Microsoft.Extensions.Logging;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// A mechanic's log events on their way to the room: stored with the mechanic's state (numbered, so
/// the room appends each once however often a batch is resent) and dropped once the room has them.
/// </summary>
[GenerateSerializer, Alias("StageOutbox")]
public sealed class StageOutbox
{
    [Id(0)] public long LastNumber { get; set; }
    [Id(1)] public List<StageEvent> Pending { get; set; } = [];

    public void Add(string type, object data) => Pending.Add(new StageEvent(++LastNumber, type, data));

    public void Acknowledge(long upTo) => Pending.RemoveAll(e => e.Number <= upTo);
}

/// <summary>
/// Sends a mechanic's pending events and latest view to its room, one batch at a time: whatever
/// gathers while a batch is in flight goes in the next. Runs on the grain's scheduler; a failed send
/// stays pending for the grain's timer to kick again.
/// </summary>
public sealed class StageSender(Func<StageUpdate> build, IRoomStage room, StageOutbox outbox, ILogger logger)
{
    private bool _sending;
    private bool _again;

    /// <summary>True when something was not acknowledged yet (pending events, or a view not delivered).</summary>
    public bool Behind { get; private set; }

    public void Kick()
    {
        Behind = true;
        if (_sending)
        {
            _again = true;
            return;
        }
        _ = SendAsync();
    }

    private async Task SendAsync()
    {
        _sending = true;
        try
        {
            do
            {
                _again = false;
                var update = build();
                await room.Apply(update);
                if (update.Events.Length > 0) outbox.Acknowledge(update.Events[^1].Number);
            }
            while (_again);
            Behind = outbox.Pending.Count > 0;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sending events to the room failed; the timer retries");
        }
        finally
        {
            _sending = false;
        }
    }
}

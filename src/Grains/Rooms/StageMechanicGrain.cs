using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Shelf;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Grains.Rooms;

/// <summary>What the skeleton reads of a mechanic's state.</summary>
public interface IStageMechanicState
{
    /// <summary>The log events stored for the room.</summary>
    StageOutbox Outbox { get; }
    bool Started { get; }
    bool Ended { get; }
    /// <summary>Ended and every follow-up done: the reminder can go.</summary>
    bool Settled { get; }
    /// <summary>When the running mechanic ends on its own; null once it has ended.</summary>
    DateTime? Deadline { get; }
}

/// <summary>
/// The skeleton the room's stage mechanics (auctions, giveaways) share: group-committed state whose log
/// events go to the room through a <see cref="StageSender"/> after each write and whose personal events
/// go out once stored; the slot taken on the room's stage with the units from its shelf; a deadline on a
/// <see cref="MechanicClock"/> with a grain timer and a reminder behind it; and the end's follow-ups,
/// stored with the end and retried until done. Each mechanic keeps its own rules and state.
/// </summary>
public abstract class StageMechanicGrain<TState> : Grain, IRemindable where TState : IStageMechanicState, new()
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private readonly IPersistentState<TState> _state;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly string _idMarker;
    // Personal events decided by a change: sent once the write that stores it succeeds.
    private readonly List<(string UserId, PersonalEvent Event)> _personal = [];
    private StageSender _sender = null!;
    private MechanicClock _clock = null!;
    private bool _followingUp;

    protected StageMechanicGrain(IPersistentState<TState> state, IRoomPublisher publisher, TimeProvider time, ILogger logger, string idMarker)
    {
        _state = state;
        _publisher = publisher;
        _time = time;
        _idMarker = idMarker;
        Logger = logger;
        Commit = new GroupCommit(WriteAsync, logger: logger);
    }

    protected TState S => _state.State;
    protected ILogger Logger { get; }
    protected GroupCommit Commit { get; }
    protected IRoomPublisher Publisher => _publisher;
    protected string MechanicId => this.GetPrimaryKeyString();
    protected string RoomId => MechanicId[..Math.Max(0, MechanicId.LastIndexOf(_idMarker, StringComparison.Ordinal))];
    protected DateTime Now => _time.GetUtcNow().UtcDateTime;
    protected IRoomStage Stage => GrainFactory.GetGrain<IRoomStage>(RoomId);
    protected IShelfGrain Shelf => GrainFactory.GetGrain<IShelfGrain>(RoomId);

    protected abstract StageSlot Slot { get; }
    protected abstract string ReminderName { get; }
    /// <summary>The mechanic as the room's snapshot shows it.</summary>
    protected abstract object StageView();
    /// <summary>The grain called back through its own reference (so the clock's callback is an ordinary grain call).</summary>
    protected abstract Task CallWakeUp();
    /// <summary>Ends the mechanic when its deadline has passed, in the caller's turn (then <see cref="StoreEnd"/>).</summary>
    protected abstract void EndIfDue();
    /// <summary>The end's follow-ups, each storing its progress; one run at a time, a failure is retried by the timer.</summary>
    protected abstract Task SettleAsync();
    /// <summary>After each successful write, before the batch goes to the room (state events of the mechanic).</summary>
    protected virtual void AfterWrite()
    {
    }

    /// <summary>A new id in a room, from which the room is readable.</summary>
    protected static string NewId(string roomId, string idMarker) => $"{roomId}{idMarker}{Guid.NewGuid():N}"[..(roomId.Length + idMarker.Length + 12)];

    protected static bool BelongsTo(string mechanicId, string roomId, string idMarker) =>
        mechanicId.StartsWith(roomId + idMarker, StringComparison.Ordinal) && mechanicId.LastIndexOf(idMarker, StringComparison.Ordinal) == roomId.Length;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _sender = new StageSender(Update, Stage, S.Outbox, Logger);
        _clock = new MechanicClock(_time, CallWakeUp, Logger);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true });
        SetClock();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _clock.Dispose();
        return Task.CompletedTask;
    }

    public Task WakeUp()
    {
        if (S.Started)
        {
            EndIfDue();
            SetClock();
        }
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => TickAsync(CancellationToken.None);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!S.Started) return;
        EndIfDue();
        // A batch the room did not take is sent again after the next write.
        if (_sender.Behind) await Commit.CommitAsync();
        await FollowUpsAsync();
    }

    /// <summary>
    /// Takes the slot on the room's stage, then the units the mechanic needs from the shelf (none when
    /// <paramref name="take"/> is null); when those cannot be taken the slot is freed again and a
    /// shortage is answered with <paramref name="shortage"/>.
    /// </summary>
    protected async Task<(StageTicket Ticket, LineItem? Units)> OpenAsync(Caller caller, string? keyword, TakeRequest? take, Func<string, LiveCommerceException> shortage)
    {
        var stage = Stage;
        var ticket = await stage.OpenSlot(caller, Slot, MechanicId, keyword);
        try
        {
            return (ticket, take is null ? null : (await Shelf.Take(take)).Single());
        }
        catch (Exception e)
        {
            await stage.ReleaseSlot(Slot, MechanicId);
            if (e is LiveCommerceException { Code: ErrorCodes.Conflict }) throw shortage(e.Message);
            throw;
        }
    }

    /// <summary>The clock's reminder: brings the mechanic back to end on time (and settle) after a silo is lost.</summary>
    protected Task KeepReminderAsync() => this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);

    protected void SetClock()
    {
        if (S.Started && S.Deadline is { } deadline) _clock.Set(deadline);
    }

    protected void StopClock() => _clock.Stop();

    /// <summary>A personal event, sent once the write that stores the change deciding it succeeds.</summary>
    protected void Tell(string userId, string type, object data) => _personal.Add((userId, new PersonalEvent { Type = type, At = Now, Data = data }));

    /// <summary>Stores an end decided in a turn nobody awaits (the clock's), then follows it up; a failed write is retried on reactivation.</summary>
    protected void StoreEnd() => _ = StoreEndAsync();

    private async Task StoreEndAsync()
    {
        try
        {
            await Commit.CommitAsync();
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Storing the end of {MechanicId} failed; it is retried on reactivation", MechanicId);
            return;
        }
        await FollowUpsAsync();
    }

    /// <summary>Starts the end's follow-ups without waiting for them (they never throw; the timer retries).</summary>
    protected void FollowUpSoon() => _ = FollowUpsAsync();

    private async Task FollowUpsAsync()
    {
        if (!S.Ended || _followingUp) return;
        _followingUp = true;
        try
        {
            await SettleAsync();
            if (S.Settled && await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "A follow-up of {MechanicId} failed; the timer retries", MechanicId);
        }
        finally
        {
            _followingUp = false;
        }
    }

    private async Task WriteAsync()
    {
        var personal = _personal.ToArray();
        _personal.Clear();
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // Memory holds changes that are not stored: start over from storage.
            DeactivateOnIdle();
            throw;
        }
        foreach (var (userId, evt) in personal) _publisher.PublishPersonal(userId, evt);
        AfterWrite();
        _sender.Kick();
    }

    private StageUpdate Update() => new(Slot, MechanicId, [.. S.Outbox.Pending], StageView(), S.Ended);

    protected static void RequireUser(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to do that; guests can only watch");
    }

    /// <summary>The mechanic's terms, or <c>notFound</c> (and the empty activation goes).</summary>
    protected T Require<T>(T? terms, string kind) where T : class
    {
        if (terms is not null) return terms;
        DeactivateOnIdle();
        throw LiveCommerceException.NotFound($"{kind} '{MechanicId}' does not exist");
    }
}

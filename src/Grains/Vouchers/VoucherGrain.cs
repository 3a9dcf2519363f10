using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Shelf;

namespace LiveCommerce.Grains.Vouchers;

[GenerateSerializer, Alias("VoucherState")]
public sealed class VoucherState
{
    [Id(0)] public VoucherIssue? Issue { get; set; }
    [Id(1)] public VoucherStatus Status { get; set; }
    [Id(2)] public DateTime? RedeemedAt { get; set; }
    /// <summary>The shelf and the order still to hear of a redeem or refund.</summary>
    [Id(3)] public OutboxState Outbox { get; set; } = new();
}

/// <summary>
/// One voucher, keyed by its code. Not reentrant: concurrent redeem attempts run one after another, so
/// exactly one finds it issued. A refund is stored with its follow-ups (the unit back to the shelf, the
/// order's copy), which are retried by a timer and a reminder until acknowledged.
/// </summary>
public sealed class VoucherGrain : Grain, IVoucherGrain, IRemindable
{
    private readonly IPersistentState<VoucherState> _state;
    private readonly TimeProvider _time;
    private readonly Outbox _outbox;
    private readonly FollowUpReminder _wakeUp;
    private IGrainTimer? _retry;
    private bool _reminderKept;

    public VoucherGrain([PersistentState("voucher", StorageNames.Live)] IPersistentState<VoucherState> state, TimeProvider time)
    {
        _state = state;
        _time = time;
        _outbox = new Outbox(() => _state.State.Outbox, DeliverAsync);
        _wakeUp = new FollowUpReminder(this);
    }

    private VoucherState S => _state.State;
    private DateTime Now => _time.GetUtcNow().UtcDateTime;
    private string Code => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outbox.Stored(_outbox.Mark());
        return FollowUpAsync(cancellationToken);
    }

    public async Task<bool> Issue(VoucherIssue issue)
    {
        if (S.Issue is { } known) return known.Voucher.OrderId == issue.Voucher.OrderId && known.Voucher.ProductId == issue.Voucher.ProductId;
        S.Issue = issue;
        S.Status = VoucherStatus.Issued;
        await WriteAsync();
        return true;
    }

    public async Task<Voucher> Redeem(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to redeem vouchers");
        var issue = Known();
        if (caller.UserId != issue.SellerId && caller.UserId != issue.HostId)
            throw LiveCommerceException.Forbidden("only the product's seller or the room's host can redeem this voucher");
        if (S.Status != VoucherStatus.Issued) throw LiveCommerceException.Conflict($"voucher {Code} is already {S.Status.ToWire()}");
        if (Now >= issue.Voucher.ValidUntil) throw LiveCommerceException.Conflict($"voucher {Code} expired at {issue.Voucher.ValidUntil:u}");
        S.Status = VoucherStatus.Redeemed;
        S.RedeemedAt = Now;
        _outbox.Add(new VoucherChanged(Current()));
        await WriteAsync();
        return Current();
    }

    public async Task<Voucher> Refund(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to refund vouchers");
        var issue = Known();
        if (caller.UserId != issue.BuyerId) throw LiveCommerceException.Forbidden("only the buyer can refund this voucher");
        if (S.Status == VoucherStatus.Refunded) return Current();
        if (S.Status != VoucherStatus.Issued) throw LiveCommerceException.Conflict($"voucher {Code} is already {S.Status.ToWire()}");
        S.Status = VoucherStatus.Refunded;
        _outbox.Add(new VoucherUnitBack(issue));
        _outbox.Add(new VoucherChanged(Current()));
        await WriteAsync();
        return Current();
    }

    public Task<Voucher?> GetForBuyer(string buyerId) =>
        Task.FromResult(S.Issue?.BuyerId == buyerId ? Current() : null);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderKept = true; // a reminder of an earlier activation: let the next pass unregister it
        return FollowUpAsync(CancellationToken.None);
    }

    private async Task WriteAsync()
    {
        var mark = _outbox.Mark();
        await _state.WriteStateAsync();
        _outbox.Stored(mark);
        await FollowUpAsync(CancellationToken.None);
    }

    private async Task FollowUpAsync(CancellationToken cancellationToken)
    {
        if (await _outbox.DeliverAsync() > 0) await _state.WriteStateAsync();
        if (_outbox.HasPending) _retry ??= this.RegisterGrainTimer(FollowUpAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        else
        {
            _retry?.Dispose();
            _retry = null;
        }
        // Most vouchers never have a follow-up pending: no reminder calls for them.
        if (_outbox.HasPending || _reminderKept)
        {
            _reminderKept = _outbox.HasPending;
            await _wakeUp.KeepAsync(_outbox.HasPending);
        }
    }

    private Task DeliverAsync(FollowUp followUp) => followUp switch
    {
        VoucherUnitBack back => GrainFactory.GetGrain<IShelfGrain>(back.Issue.Voucher.RoomId)
            .Restock(back.Issue.ShelfReference, $"voucher:{Code}", back.Issue.Voucher.ProductId, 1),
        VoucherChanged changed => GrainFactory.GetGrain<IOrderGrain>(changed.Voucher.OrderId).OnVoucherChanged(changed.Voucher),
        _ => throw new InvalidOperationException($"a voucher cannot deliver {followUp.GetType().Name}"),
    };

    private VoucherIssue Known()
    {
        if (S.Issue is { } issue) return issue;
        DeactivateOnIdle();
        throw LiveCommerceException.NotFound($"voucher {Code} does not exist");
    }

    private Voucher Current() => S.Issue!.Voucher with { Status = S.Status, RedeemedAt = S.RedeemedAt };
}

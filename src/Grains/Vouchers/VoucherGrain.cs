using LiveCommerce.Errors;
using LiveCommerce.Identity;
using LiveCommerce.Persistence;

namespace LiveCommerce.Vouchers;

[GenerateSerializer, Alias("VoucherState")]
public sealed class VoucherState
{
    [Id(0)] public VoucherIssue? Issue { get; set; }
    [Id(1)] public string Status { get; set; } = VoucherStatus.Issued;
    [Id(2)] public DateTime? RedeemedAt { get; set; }
    /// <summary>Outbox: a refunded unit not yet confirmed back in the room's stock.</summary>
    [Id(3)] public bool StockReturnPending { get; set; }
}

/// <summary>
/// One voucher. Not reentrant: concurrent redeem attempts run one after another, so exactly one finds
/// it issued. A refund stores the new status and the stock return together, then hands the unit back
/// to the room (retried on activation and by a timer until the room confirms; the room ignores repeats).
/// </summary>
public sealed class VoucherGrain(
    [PersistentState("voucher", StorageNames.Live)] IPersistentState<VoucherState> state,
    IVoucherStock stock,
    TimeProvider time) : Grain, IVoucherGrain
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    private VoucherState S => state.State;
    private DateTime Now => time.GetUtcNow().UtcDateTime;
    private IGrainTimer? _retry;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => ReturnStockAsync();

    public async Task<bool> Issue(VoucherIssue issue)
    {
        if (S.Issue is { } known) return known.Voucher.OrderId == issue.Voucher.OrderId && known.Voucher.ProductId == issue.Voucher.ProductId;
        S.Issue = issue;
        S.Status = VoucherStatus.Issued;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<Voucher> Redeem(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to redeem vouchers");
        var issue = Known();
        if (caller.UserId != issue.SellerId && caller.UserId != issue.HostId)
            throw LiveCommerceException.Forbidden("only the product's seller or the room's host can redeem this voucher");
        if (S.Status != VoucherStatus.Issued) throw LiveCommerceException.Conflict($"voucher {Code} is already {S.Status}");
        if (Now >= issue.Voucher.ValidUntil) throw LiveCommerceException.Conflict($"voucher {Code} expired at {issue.Voucher.ValidUntil:u}");
        S.Status = VoucherStatus.Redeemed;
        S.RedeemedAt = Now;
        await state.WriteStateAsync();
        return Current();
    }

    public async Task<Voucher> Refund(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to refund vouchers");
        var issue = Known();
        if (caller.UserId != issue.BuyerId) throw LiveCommerceException.Forbidden("only the buyer can refund this voucher");
        if (S.Status == VoucherStatus.Refunded) return Current();
        if (S.Status != VoucherStatus.Issued) throw LiveCommerceException.Conflict($"voucher {Code} is already {S.Status}");
        S.Status = VoucherStatus.Refunded;
        S.StockReturnPending = true;
        await state.WriteStateAsync();
        await ReturnStockAsync();
        return Current();
    }

    public Task<Voucher?> GetForBuyer(string buyerId) =>
        Task.FromResult(S.Issue?.BuyerId == buyerId ? Current() : null);

    private async Task ReturnStockAsync()
    {
        if (!S.StockReturnPending || S.Issue is not { } issue) return;
        try
        {
            await stock.ReturnUnitAsync(issue, Code);
            S.StockReturnPending = false;
            await state.WriteStateAsync();
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception) when (_retry is null)
        {
            // The refund stands (it is stored); the unit reaches the shelf on a later try.
            _retry = this.RegisterGrainTimer(_ => ReturnStockAsync(), new GrainTimerCreationOptions { DueTime = RetryEvery, Period = RetryEvery, KeepAlive = true });
        }
        catch (Exception)
        {
            // The timer already retries.
        }
    }

    private string Code => this.GetPrimaryKeyString();

    private VoucherIssue Known()
    {
        if (S.Issue is { } issue) return issue;
        DeactivateOnIdle();
        throw LiveCommerceException.NotFound($"voucher {Code} does not exist");
    }

    private Voucher Current() => S.Issue!.Voucher with { Status = S.Status, RedeemedAt = S.RedeemedAt };
}

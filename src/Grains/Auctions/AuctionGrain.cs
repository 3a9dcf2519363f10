using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LiveCommerce.Grains.Auctions;

/// <summary>
/// One live auction (PROTOCOL.md, "Live auctions"). A bid is judged and applied in one synchronous
/// turn against the <see cref="BidBook"/>, so a stampede needs no locks and its outcome is the rule's
/// whatever the arrival order; accepted bids are group-committed and answered once stored. Log events
/// go to the room in batches after each write; the clock is a <see cref="TimeProvider"/> timer at
/// <c>endsAt</c>, with a grain timer and a reminder behind it; the end's follow-ups (the unit, the
/// winner's order) are stored with the end and retried until done.
/// </summary>
[Reentrant]
public sealed class AuctionGrain : Grain, IAuctionGrain, IRemindable
{
    private const string ReminderName = "auction-clock";
    private const string IdMarker = ".a";
    private readonly IPersistentState<AuctionState> _state;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly CommerceOptions _commerce;
    private readonly ILogger<AuctionGrain> _logger;
    private readonly LiveCommerceMetrics _metrics;
    private readonly GroupCommit _commit;
    // Personal events decided by a change: sent once the write that stores it succeeds.
    private readonly List<(string UserId, PersonalEvent Event)> _personal = [];
    private StageSender _sender = null!;
    private MechanicClock _clock = null!;
    private bool _followingUp;

    public AuctionGrain(
        [PersistentState("auction", StorageNames.Live)] IPersistentState<AuctionState> state,
        IRoomPublisher publisher,
        TimeProvider time,
        IOptions<CommerceOptions> commerce,
        ILogger<AuctionGrain> logger,
        LiveCommerceMetrics metrics)
    {
        _metrics = metrics;
        _state = state;
        _publisher = publisher;
        _time = time;
        _commerce = commerce.Value;
        _logger = logger;
        _commit = new GroupCommit(WriteAsync);
    }

    private AuctionState S => _state.State;
    private string AuctionId => this.GetPrimaryKeyString();
    private string RoomId => AuctionId[..Math.Max(0, AuctionId.LastIndexOf(IdMarker, StringComparison.Ordinal))];
    private DateTime Now => _time.GetUtcNow().UtcDateTime;
    private IRoomStage Stage => GrainFactory.GetGrain<IRoomStage>(RoomId);
    private IShelfGrain Shelf => GrainFactory.GetGrain<IShelfGrain>(RoomId);

    /// <summary>A new auction id in a room: the room is readable from it.</summary>
    public static string NewId(string roomId) => $"{roomId}{IdMarker}{Guid.NewGuid():N}"[..(roomId.Length + IdMarker.Length + 12)];

    /// <summary>Whether <paramref name="auctionId"/> names an auction of <paramref name="roomId"/>.</summary>
    public static bool BelongsTo(string auctionId, string roomId) =>
        auctionId.StartsWith(roomId + IdMarker, StringComparison.Ordinal) && auctionId.LastIndexOf(IdMarker, StringComparison.Ordinal) == roomId.Length;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _sender = new StageSender(Update, Stage, S.Outbox, _logger);
        var self = this.AsReference<IAuctionGrain>();
        _clock = new MechanicClock(_time, () => self.WakeUp(), _logger);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true });
        SetClock();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _clock.Dispose();
        return Task.CompletedTask;
    }

    public async Task<Auction> Start(Caller caller, StartAuctionRequest request)
    {
        RequireUser(caller);
        if (S.Terms is not null) return View();
        var productId = Validate.Id(request.ProductId, "productId");
        var startingBid = Validate.Price(request.StartingBid, "startingBid");
        var duration = Validate.Range(request.DurationSeconds, 5, 3_600, "durationSeconds");
        var counter = Validate.Range(request.CounterBidSeconds ?? 10, 5, 60, "counterBidSeconds");

        var stage = Stage;
        var ticket = await stage.OpenSlot(caller, StageSlot.Auction, AuctionId, null);
        var lotReference = "o" + Guid.NewGuid().ToString("N")[..20];
        LineItem lot;
        try
        {
            // One unit leaves the product's stock now: it becomes the winner's order or goes back.
            lot = (await Shelf.Take(new TakeRequest(lotReference, AuctionId, [new ShelfLine(productId, 1)]))).Single();
        }
        catch (Exception e)
        {
            await stage.ReleaseSlot(StageSlot.Auction, AuctionId);
            if (e is LiveCommerceException { Code: ErrorCodes.Conflict }) throw LiveCommerceException.Invalid($"no unit of '{productId}' left to auction: {e.Message}");
            throw;
        }
        S.LotReference = lotReference;
        S.Terms = new AuctionTerms(RoomId, ticket.HostId, lot.ProductId, lot.Name, lot.Currency ?? "USD", counter, request.SuddenDeath ?? false, ticket.SellRegions);
        S.Book = BidBook.Opening(startingBid);
        S.EndsAt = Now.AddSeconds(duration);
        S.Status = AuctionStatus.Active;
        S.Outbox.Add(AuctionEventTypes.AuctionStarted, new AuctionStartedData { Auction = View() });
        await _commit.CommitAsync();
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        SetClock();
        return View();
    }

    public async Task<BidResult> Bid(Caller caller, decimal amount, decimal? maxAmount)
    {
        var result = await JudgeBidAsync(caller, amount, maxAmount);
        _metrics.BidAttempted(result.Status.ToWire());
        return result;
    }

    private async Task<BidResult> JudgeBidAsync(Caller caller, decimal amount, decimal? maxAmount)
    {
        RequireUser(caller);
        var terms = RequireAuction();
        if (caller.UserId == terms.HostId) throw LiveCommerceException.Forbidden("the room's host cannot bid in their own auction");
        Validate.Price(amount, "amount");
        if (maxAmount is { } max && Validate.Price(max, "maxAmount") < amount)
            throw LiveCommerceException.Invalid("maxAmount must be at least amount");

        EndIfDue();
        if (S.Status == AuctionStatus.Ended)
            return Result(S.EndReason == AuctionEndReason.Cancelled ? BidStatus.NotActive : BidStatus.Ended);
        if (!SellRegions.Allows(terms.SellRegions, caller.Region)) return Result(BidStatus.RegionBlocked);

        var now = Now;
        var outcome = S.Book.Place(caller.UserId!, caller.DisplayName, amount, maxAmount, now);
        if (!outcome.Accepted) return Result(outcome.Status);

        S.EndsAt = AntiSniping.EndsAt(S.EndsAt, now, terms.CounterBidSeconds, terms.SuddenDeath, outcome.VisibleChange);
        var book = S.Book;
        if (outcome.VisibleChange)
        {
            var leader = book.Leader!;
            S.Outbox.Add(AuctionEventTypes.BidPlaced, new BidPlacedData
            {
                AuctionId = AuctionId, BidderId = leader.BidderId, Name = leader.Name,
                CurrentBid = book.CurrentBid!.Value, EndsAt = S.EndsAt, Bids = book.Bids,
            });
        }
        if (outcome.DisplacedLeaderId is { } displaced)
            _personal.Add((displaced, Personal(AuctionEventTypes.Outbid, new OutbidData { AuctionId = AuctionId, CurrentBid = book.CurrentBid!.Value, MinNextBid = book.MinNextBid })));
        SetClock();
        // Answered with the auction as this bid left it, once stored.
        var result = Result(outcome.Status);
        await _commit.CommitAsync();
        return result;
    }

    public async Task Cancel(Caller caller)
    {
        RequireUser(caller);
        var terms = RequireAuction();
        if (caller.UserId != terms.HostId) throw LiveCommerceException.Forbidden("only the room's host can cancel an auction");
        EndIfDue();
        if (S.Status == AuctionStatus.Ended) throw LiveCommerceException.Conflict($"the auction has already ended ({S.EndReason!.Value.ToWire()})");
        if (S.Book.Bids > 0) throw LiveCommerceException.Conflict("an auction cannot be cancelled once someone has bid");
        Finish(AuctionEndReason.Cancelled);
        await _commit.CommitAsync();
        _ = FollowUpsAsync();
    }

    /// <summary>
    /// The room ended (docs/protocol.md): with a leader the auction ends as at <c>endsAt</c> (<c>sold</c>, the
    /// leader wins at the current bid); without bids it is <c>cancelled</c>, as the host could have.
    /// </summary>
    public async Task EndWithRoom()
    {
        if (S.Terms is null) return;
        EndIfDue();
        if (S.Status != AuctionStatus.Ended)
        {
            Finish(S.Book.LeaderId is null ? AuctionEndReason.Cancelled : AuctionEndReason.Sold);
            await _commit.CommitAsync();
        }
        _ = FollowUpsAsync();
    }

    public Task<AuctionDetails> Get()
    {
        RequireAuction();
        EndIfDue();
        var history = S.Book.History.Select(h => new BidHistoryEntry { BidderName = h.BidderName, Amount = h.Amount, At = h.At }).ToArray();
        return Task.FromResult(new AuctionDetails(View(), history));
    }

    public Task WakeUp()
    {
        if (S.Terms is not null)
        {
            EndIfDue();
            SetClock();
        }
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => TickAsync(CancellationToken.None);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (S.Terms is null) return;
        EndIfDue();
        // A batch the room did not take is sent again after the next write.
        if (_sender.Behind) await _commit.CommitAsync();
        await FollowUpsAsync();
    }

    /// <summary>Ends the auction at <c>endsAt</c>: the leader wins at the current bid.</summary>
    private void EndIfDue()
    {
        if (S.Status != AuctionStatus.Active || S.Terms is null || Now < S.EndsAt) return;
        Finish(S.Book.LeaderId is null ? AuctionEndReason.NoBids : AuctionEndReason.Sold);
        _ = EndedAsync();
    }

    private async Task EndedAsync()
    {
        try
        {
            await _commit.CommitAsync();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Storing the end of auction {AuctionId} failed; it is retried on reactivation", AuctionId);
            return;
        }
        await FollowUpsAsync();
    }

    private void Finish(AuctionEndReason reason)
    {
        var terms = S.Terms!;
        var now = Now;
        S.Status = AuctionStatus.Ended;
        S.EndReason = reason;
        if (reason == AuctionEndReason.Sold)
        {
            var leader = S.Book.Leader!;
            var price = S.Book.CurrentBid!.Value;
            var line = new LineItem { RoomId = terms.RoomId, ProductId = terms.ProductId, Name = terms.ProductName, UnitPrice = price, Quantity = 1, Currency = terms.Currency };
            S.WinnerName = leader.Name;
            S.WinnerOrder = new Order
            {
                OrderId = S.LotReference,
                UserId = leader.BidderId,
                RoomId = terms.RoomId,
                Lines = [line],
                Total = price,
                Currency = terms.Currency,
                Status = OrderStatus.PendingPayment,
                CreatedAt = now,
                HoldExpiresAt = now.AddSeconds(_commerce.HoldSeconds),
            };
        }
        S.Outbox.Add(AuctionEventTypes.AuctionEnded, new AuctionEndedData
        {
            AuctionId = AuctionId,
            Reason = reason,
            WinnerId = S.WinnerOrder?.UserId,
            Name = S.WinnerName,
            Amount = S.WinnerOrder?.Total,
            OrderId = S.WinnerOrder?.OrderId,
        });
        _clock.Stop();
    }

    /// <summary>
    /// The end's follow-ups: without a winner the unit goes back; with one, the order (whose id is the
    /// unit's shelf reference, so paying sells it) is recorded and announced, and if it is still unpaid
    /// when its hold runs out, the unit goes back and the order expires.
    /// </summary>
    private async Task FollowUpsAsync()
    {
        if (S.Status != AuctionStatus.Ended || _followingUp) return;
        _followingUp = true;
        try
        {
            if (S.WinnerOrder is null && !S.UnitSettled)
            {
                await Shelf.Release(S.LotReference, HoldStatus.Cancelled);
                S.UnitSettled = true;
                await _commit.CommitAsync();
            }
            if (S.WinnerOrder is { } won && !S.WinnerNotified)
            {
                var order = await GrainFactory.GetGrain<IOrderGrain>(won.OrderId).Track(won);
                await GrainFactory.GetGrain<IBuyerGrain>(won.UserId).AddOrder(won.OrderId);
                _personal.Add((won.UserId, Personal(AuctionEventTypes.AuctionWon, new AuctionWonData { AuctionId = AuctionId, Order = order })));
                S.WinnerNotified = true;
                await _commit.CommitAsync();
            }
            if (S.WinnerOrder is { } unpaid && !S.UnitSettled && Now >= unpaid.HoldExpiresAt)
            {
                // Sold already (paid in time) or cancelled by the buyer: the release changes nothing.
                if (await Shelf.Release(unpaid.OrderId, HoldStatus.Expired) != HoldStatus.Sold)
                    await GrainFactory.GetGrain<IOrderGrain>(unpaid.OrderId).MarkExpired();
                S.UnitSettled = true;
                await _commit.CommitAsync();
            }
            if (S.Settled && await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "A follow-up of auction {AuctionId} failed; the timer retries", AuctionId);
        }
        finally
        {
            _followingUp = false;
        }
    }

    private void SetClock()
    {
        if (S.Status == AuctionStatus.Active && S.Terms is not null) _clock.Set(S.EndsAt);
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
            DeactivateOnIdle();
            throw;
        }
        foreach (var (userId, evt) in personal) _publisher.PublishPersonal(userId, evt);
        _sender.Kick();
    }

    private StageUpdate Update() => new(StageSlot.Auction, AuctionId, [.. S.Outbox.Pending], View(), S.Status == AuctionStatus.Ended);

    private PersonalEvent Personal(string type, object data) => new() { Type = type, At = Now, Data = data };

    private BidResult Result(BidStatus status) => new() { Status = status, Auction = View() };

    private Auction View()
    {
        var terms = S.Terms!;
        var book = S.Book;
        return new Auction
        {
            AuctionId = AuctionId,
            ProductId = terms.ProductId,
            Currency = terms.Currency,
            StartingBid = book.StartingBid,
            CurrentBid = book.CurrentBid,
            LeaderId = book.LeaderId,
            LeaderName = book.Leader?.Name,
            Bids = book.Bids,
            MinNextBid = book.MinNextBid,
            EndsAt = S.EndsAt,
            CounterBidSeconds = terms.CounterBidSeconds,
            SuddenDeath = terms.SuddenDeath,
            Status = S.Status,
            WinnerId = S.WinnerOrder?.UserId,
            OrderId = S.WinnerOrder?.OrderId,
            EndReason = S.EndReason,
        };
    }

    private static void RequireUser(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to do that; guests can only watch");
    }

    private AuctionTerms RequireAuction()
    {
        if (S.Terms is { } terms) return terms;
        DeactivateOnIdle();
        throw LiveCommerceException.NotFound($"auction '{AuctionId}' does not exist");
    }
}

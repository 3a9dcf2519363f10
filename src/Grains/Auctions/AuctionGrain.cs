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
public sealed class AuctionGrain : StageMechanicGrain<AuctionState>, IAuctionGrain
{
    private const string IdMarker = ".a";
    private readonly CommerceOptions _commerce;
    private readonly LiveCommerceMetrics _metrics;

    public AuctionGrain(
        [PersistentState("auction", StorageNames.Live)] IPersistentState<AuctionState> state,
        IRoomPublisher publisher,
        TimeProvider time,
        IOptions<CommerceOptions> commerce,
        ILogger<AuctionGrain> logger,
        LiveCommerceMetrics metrics) : base(state, publisher, time, logger, IdMarker)
    {
        _metrics = metrics;
        _commerce = commerce.Value;
    }

    private string AuctionId => MechanicId;
    protected override StageSlot Slot => StageSlot.Auction;
    protected override string ReminderName => "auction-clock";
    protected override object StageView() => View();
    protected override Task CallWakeUp() => this.AsReference<IAuctionGrain>().WakeUp();

    /// <summary>A new auction id in a room: the room is readable from it.</summary>
    public static string NewId(string roomId) => NewId(roomId, IdMarker);

    /// <summary>Whether <paramref name="auctionId"/> names an auction of <paramref name="roomId"/>.</summary>
    public static bool BelongsTo(string auctionId, string roomId) => BelongsTo(auctionId, roomId, IdMarker);

    public async Task<Auction> Start(Caller caller, StartAuctionRequest request)
    {
        RequireUser(caller);
        if (S.Terms is not null) return View();
        var productId = Validate.Id(request.ProductId, "productId");
        var startingBid = Validate.Price(request.StartingBid, "startingBid");
        var duration = Validate.Range(request.DurationSeconds, 5, 3_600, "durationSeconds");
        var counter = Validate.Range(request.CounterBidSeconds ?? 10, 5, 60, "counterBidSeconds");

        var lotReference = "o" + Guid.NewGuid().ToString("N")[..20];
        // One unit leaves the product's stock now: it becomes the winner's order or goes back.
        var (ticket, units) = await OpenAsync(caller, null, new TakeRequest(lotReference, AuctionId, [new ShelfLine(productId, 1)]),
            shortage => LiveCommerceException.Invalid($"no unit of '{productId}' left to auction: {shortage}"));
        var lot = units!;
        S.LotReference = lotReference;
        S.Terms = new AuctionTerms(RoomId, ticket.HostId, lot.ProductId, lot.Name, lot.Currency ?? "USD", counter, request.SuddenDeath ?? false, ticket.SellRegions);
        S.Book = BidBook.Opening(startingBid);
        S.EndsAt = Now.AddSeconds(duration);
        S.Status = AuctionStatus.Active;
        S.Outbox.Add(AuctionEventTypes.AuctionStarted, new AuctionStartedData { Auction = View() });
        await Commit.CommitAsync();
        await KeepReminderAsync();
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
            Tell(displaced, AuctionEventTypes.Outbid, new OutbidData { AuctionId = AuctionId, CurrentBid = book.CurrentBid!.Value, MinNextBid = book.MinNextBid });
        SetClock();
        // Answered with the auction as this bid left it, once stored.
        var result = Result(outcome.Status);
        await Commit.CommitAsync();
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
        await Commit.CommitAsync();
        FollowUpSoon();
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
            await Commit.CommitAsync();
        }
        FollowUpSoon();
    }

    public Task<AuctionDetails> Get()
    {
        RequireAuction();
        EndIfDue();
        var history = S.Book.History.Select(h => new BidHistoryEntry { BidderName = h.BidderName, Amount = h.Amount, At = h.At }).ToArray();
        return Task.FromResult(new AuctionDetails(View(), history));
    }

    /// <summary>Ends the auction at <c>endsAt</c>: the leader wins at the current bid.</summary>
    protected override void EndIfDue()
    {
        if (S.Status != AuctionStatus.Active || S.Terms is null || Now < S.EndsAt) return;
        Finish(S.Book.LeaderId is null ? AuctionEndReason.NoBids : AuctionEndReason.Sold);
        StoreEnd();
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
        StopClock();
    }

    /// <summary>
    /// The end's follow-ups: without a winner the unit goes back; with one, the order (whose id is the
    /// unit's shelf reference, so paying sells it) is recorded and announced, and if it is still unpaid
    /// when its hold runs out, the unit goes back and the order expires.
    /// </summary>
    protected override async Task SettleAsync()
    {
        if (S.WinnerOrder is null && !S.UnitSettled)
        {
            await Shelf.Release(S.LotReference, HoldStatus.Cancelled);
            S.UnitSettled = true;
            await Commit.CommitAsync();
        }
        if (S.WinnerOrder is { } won && !S.WinnerNotified)
        {
            var order = await GrainFactory.GetGrain<IOrderGrain>(won.OrderId).Track(won);
            await GrainFactory.GetGrain<IBuyerGrain>(won.UserId).AddOrder(won.OrderId);
            Tell(won.UserId, AuctionEventTypes.AuctionWon, new AuctionWonData { AuctionId = AuctionId, Order = order });
            S.WinnerNotified = true;
            await Commit.CommitAsync();
        }
        if (S.WinnerOrder is { } unpaid && !S.UnitSettled && Now >= unpaid.HoldExpiresAt)
        {
            // Sold already (paid in time) or cancelled by the buyer: the release changes nothing.
            if (await Shelf.Release(unpaid.OrderId, HoldStatus.Expired) != HoldStatus.Sold)
                await GrainFactory.GetGrain<IOrderGrain>(unpaid.OrderId).MarkExpired();
            S.UnitSettled = true;
            await Commit.CommitAsync();
        }
    }

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

    private AuctionTerms RequireAuction() => Require(S.Terms, "auction");
}

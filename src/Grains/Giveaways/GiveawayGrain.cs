using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Giveaways;
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
using Orleans.Concurrency;

namespace LiveCommerce.Grains.Giveaways;

/// <summary>
/// One giveaway (PROTOCOL.md, "Giveaways"). Entries are checked and recorded in one turn (after
/// asking the room for the caller's watch time when the giveaway needs it) and group-committed; the
/// draw at <c>endsAt</c> or at the host's word follows <see cref="FairDraw"/>, reveals the seed, and
/// leaves durable follow-ups: each winner's paid prize order with a unit from the product, unused
/// units back to it.
/// </summary>
[Reentrant]
public sealed class GiveawayGrain : StageMechanicGrain<GiveawayState>, IGiveawayGrain
{
    private const string IdMarker = ".g";
    private readonly LiveCommerceMetrics _metrics;
    private int _publishedEntrants = -1;

    public GiveawayGrain(
        [PersistentState("giveaway", StorageNames.Live)] IPersistentState<GiveawayState> state,
        IRoomPublisher publisher,
        TimeProvider time,
        ILogger<GiveawayGrain> logger,
        LiveCommerceMetrics metrics) : base(state, publisher, time, logger, IdMarker)
    {
        _metrics = metrics;
    }

    private string GiveawayId => MechanicId;
    protected override StageSlot Slot => StageSlot.Giveaway;
    protected override string ReminderName => "giveaway-clock";
    protected override object StageView() => View();
    protected override Task CallWakeUp() => this.AsReference<IGiveawayGrain>().WakeUp();

    public static string NewId(string roomId) => NewId(roomId, IdMarker);

    public static bool BelongsTo(string giveawayId, string roomId) => BelongsTo(giveawayId, roomId, IdMarker);

    public async Task<Giveaway> Start(Caller caller, StartGiveawayRequest request)
    {
        RequireUser(caller);
        if (S.Terms is not null) return View();
        var prize = PlainText(request.Prize, "prize", 200);
        var winners = Validate.Range(request.Winners, 1, 100, "winners");
        var duration = Validate.Range(request.DurationSeconds, 10, 600, "durationSeconds");
        var keyword = request.Keyword is null ? null : PlainText(request.Keyword, "keyword", 30);
        int? minWatch = request.MinWatchSeconds is { } seconds ? Validate.Range(seconds, 0, duration - 10, "minWatchSeconds") : null;
        var productId = request.ProductId is null ? null : Validate.Id(request.ProductId, "productId");

        // Each winner's prize unit leaves the product's stock now; units nobody wins come back.
        var (ticket, prizes) = await OpenAsync(caller, keyword, productId is null ? null : new TakeRequest(GiveawayId, GiveawayId, [new ShelfLine(productId, winners)]),
            shortage => LiveCommerceException.Invalid($"fewer units of '{productId}' than winners: {shortage}"));
        S.Seed = FairDraw.NewSeed();
        S.Terms = new GiveawayTerms(RoomId, ticket.HostId, prize, prizes, winners, keyword, minWatch, ticket.SellRegions);
        S.EndsAt = Now.AddSeconds(duration);
        S.Status = GiveawayStatus.Active;
        S.Outbox.Add(GiveawayEventTypes.GiveawayStarted, new GiveawayStartedData { Giveaway = View() });
        await Commit.CommitAsync();
        await KeepReminderAsync();
        SetClock();
        return View();
    }

    public async Task<EnterGiveawayResult> Enter(Caller caller)
    {
        var result = await JudgeEntryAsync(caller);
        _metrics.ClaimAttempted("giveaway", result.Status.ToWire());
        return result;
    }

    private async Task<EnterGiveawayResult> JudgeEntryAsync(Caller caller)
    {
        RequireUser(caller);
        var terms = RequireGiveaway();
        if (caller.UserId == terms.HostId) throw LiveCommerceException.Forbidden("the room's host cannot enter their own giveaway");
        var userId = caller.UserId!;
        if (Refusal(caller, terms) is { } refused) return refused;

        var needsKeyword = terms.Keyword is not null;
        var watched = TimeSpan.Zero;
        if (terms.MinWatchSeconds > 0 && (!needsKeyword || S.SaidKeyword.Contains(userId)))
        {
            watched = await Stage.WatchedSince(userId);
            // Other calls ran meanwhile: the draw, or this user's own second attempt.
            if (Refusal(caller, terms) is { } late) return late;
        }
        if (EntryRules.Missing(needsKeyword, S.SaidKeyword.Contains(userId), terms.MinWatchSeconds ?? 0, watched) is { } missing)
            return Answer(EntryStatus.NotEligible, missing);

        S.Entrants[userId] = caller.DisplayName;
        await Commit.CommitAsync();
        return Answer(EntryStatus.Entered);
    }

    private EnterGiveawayResult? Refusal(Caller caller, GiveawayTerms terms)
    {
        DrawIfDue();
        if (S.Status == GiveawayStatus.Ended) return Answer(EntryStatus.Ended);
        if (!SellRegions.Allows(terms.SellRegions, caller.Region)) return Answer(EntryStatus.RegionBlocked);
        if (S.Entrants.ContainsKey(caller.UserId!)) return Answer(EntryStatus.AlreadyEntered);
        return null;
    }

    public async Task KeywordSaid(Caller caller)
    {
        var terms = RequireGiveaway();
        if (caller.IsGuest || caller.UserId == terms.HostId || S.Status != GiveawayStatus.Active) return;
        if (S.SaidKeyword.Add(caller.UserId!)) await Commit.CommitAsync();
        await Enter(caller);
    }

    public async Task<Giveaway> Draw(Caller caller)
    {
        RequireUser(caller);
        var terms = RequireGiveaway();
        if (caller.UserId != terms.HostId) throw LiveCommerceException.Forbidden("only the room's host can draw a giveaway");
        DrawIfDue();
        if (S.Status == GiveawayStatus.Ended) throw LiveCommerceException.Conflict("the giveaway has already been drawn");
        Finish();
        var view = View();
        await Commit.CommitAsync();
        FollowUpSoon();
        return view;
    }

    public async Task EndWithRoom()
    {
        if (S.Terms is null) return;
        DrawIfDue();
        if (S.Status != GiveawayStatus.Ended)
        {
            Finish();
            await Commit.CommitAsync();
        }
        FollowUpSoon();
    }

    public Task<Giveaway> Get()
    {
        RequireGiveaway();
        DrawIfDue();
        return Task.FromResult(View());
    }

    public Task<string[]> Entrants()
    {
        RequireGiveaway();
        DrawIfDue();
        if (S.Status != GiveawayStatus.Ended) throw LiveCommerceException.Conflict("the entrant list is published at the draw");
        return Task.FromResult(FairDraw.Sorted(S.Entrants.Keys).ToArray());
    }

    protected override void EndIfDue() => DrawIfDue();

    private void DrawIfDue()
    {
        if (S.Status != GiveawayStatus.Active || S.Terms is null || Now < S.EndsAt) return;
        Finish();
        StoreEnd();
    }

    /// <summary>The draw: winners by the published rule, their prize orders decided, the seed revealed.</summary>
    private void Finish()
    {
        var terms = S.Terms!;
        var now = Now;
        var seedHex = FairDraw.SeedHex(S.Seed);
        S.Status = GiveawayStatus.Ended;
        S.WinnerIds = [.. FairDraw.Winners(seedHex, S.Entrants.Keys, terms.Winners)];
        if (terms.PrizeLine is { } prizes)
            foreach (var winner in S.WinnerIds)
                S.PrizeOrders[winner] = PrizeOrder(terms.RoomId, prizes, winner, now);
        S.Outbox.Add(GiveawayEventTypes.GiveawayEnded, new GiveawayEndedData
        {
            GiveawayId = GiveawayId,
            Entrants = S.Entrants.Count,
            Winners = S.WinnerIds.Select(id => new GiveawayWinner { UserId = id, Name = S.Entrants[id] }).ToArray(),
            Seed = seedHex,
        });
        StopClock();
    }

    private static Order PrizeOrder(string roomId, LineItem prizes, string winner, DateTime now) => new()
    {
        OrderId = "o" + Guid.NewGuid().ToString("N")[..20],
        UserId = winner,
        RoomId = roomId,
        Lines = [prizes with { UnitPrice = 0m, Quantity = 1 }],
        Total = 0m,
        Currency = prizes.Currency ?? "USD",
        Status = OrderStatus.Paid,
        CreatedAt = now,
        HoldExpiresAt = now,
    };

    /// <summary>The draw's follow-ups: prize units sold (one per winner) and the rest back, then each winner's order and personal event.</summary>
    protected override async Task SettleAsync()
    {
        var terms = S.Terms!;
        if (!S.PrizesSettled)
        {
            if (terms.PrizeLine is not null) await Shelf.Settle(GiveawayId, "draw", S.WinnerIds.Count, terms.Winners - S.WinnerIds.Count);
            S.PrizesSettled = true;
            await Commit.CommitAsync();
        }
        foreach (var winner in S.WinnerIds.Where(w => !S.Notified.Contains(w)).ToList())
        {
            Order? order = null;
            if (S.PrizeOrders.TryGetValue(winner, out var prize))
            {
                order = await GrainFactory.GetGrain<IOrderGrain>(prize.OrderId).Track(prize);
                await GrainFactory.GetGrain<IBuyerGrain>(winner).AddOrder(prize.OrderId);
            }
            Tell(winner, GiveawayEventTypes.GiveawayWon, new GiveawayWonData { GiveawayId = GiveawayId, Prize = terms.Prize, Order = order });
            S.Notified.Add(winner);
            await Commit.CommitAsync();
        }
    }

    /// <summary>The entrant count, a coalesced state event, once it changed and is stored.</summary>
    protected override void AfterWrite()
    {
        if (S.Entrants.Count == _publishedEntrants || S.Terms is null) return;
        _publishedEntrants = S.Entrants.Count;
        Publisher.PublishRoom(RoomId, [new RoomEvent
        {
            Type = GiveawayEventTypes.GiveawayEntrants,
            At = Now,
            Data = new GiveawayEntrantsData { GiveawayId = GiveawayId, Count = S.Entrants.Count },
        }]);
    }

    private static EnterGiveawayResult Answer(EntryStatus status, EntryRequirement? missing = null) =>
        new() { Status = status, Missing = missing };

    private Giveaway View()
    {
        var terms = S.Terms!;
        var ended = S.Status == GiveawayStatus.Ended;
        return new Giveaway
        {
            GiveawayId = GiveawayId,
            Prize = terms.Prize,
            ProductId = terms.PrizeLine?.ProductId,
            Winners = terms.Winners,
            EndsAt = S.EndsAt,
            Keyword = terms.Keyword,
            MinWatchSeconds = terms.MinWatchSeconds,
            SeedHash = FairDraw.SeedHash(S.Seed),
            Entrants = S.Entrants.Count,
            Status = S.Status,
            Seed = ended ? FairDraw.SeedHex(S.Seed) : null,
            WinnerIds = ended ? [.. S.WinnerIds] : null,
        };
    }

    private static string PlainText(string? value, string name, int max)
    {
        var text = Validate.Text(value, name, max);
        return text.Any(char.IsControl) ? throw LiveCommerceException.Invalid($"{name} must not contain control characters") : text;
    }

    private GiveawayTerms RequireGiveaway() => Require(S.Terms, "giveaway");
}

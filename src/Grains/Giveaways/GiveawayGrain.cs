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
public sealed class GiveawayGrain : Grain, IGiveawayGrain, IRemindable
{
    private const string ReminderName = "giveaway-clock";
    private const string IdMarker = ".g";
    private readonly IPersistentState<GiveawayState> _state;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger<GiveawayGrain> _logger;
    private readonly LiveCommerceMetrics _metrics;
    private readonly GroupCommit _commit;
    private readonly List<(string UserId, PersonalEvent Event)> _personal = [];
    private StageSender _sender = null!;
    private MechanicClock _clock = null!;
    private int _publishedEntrants = -1;
    private bool _followingUp;

    public GiveawayGrain(
        [PersistentState("giveaway", StorageNames.Live)] IPersistentState<GiveawayState> state,
        IRoomPublisher publisher,
        TimeProvider time,
        ILogger<GiveawayGrain> logger,
        LiveCommerceMetrics metrics)
    {
        _metrics = metrics;
        _state = state;
        _publisher = publisher;
        _time = time;
        _logger = logger;
        _commit = new GroupCommit(WriteAsync);
    }

    private GiveawayState S => _state.State;
    private string GiveawayId => this.GetPrimaryKeyString();
    private string RoomId => GiveawayId[..Math.Max(0, GiveawayId.LastIndexOf(IdMarker, StringComparison.Ordinal))];
    private DateTime Now => _time.GetUtcNow().UtcDateTime;
    private IRoomStage Stage => GrainFactory.GetGrain<IRoomStage>(RoomId);
    private IShelfGrain Shelf => GrainFactory.GetGrain<IShelfGrain>(RoomId);

    public static string NewId(string roomId) => $"{roomId}{IdMarker}{Guid.NewGuid():N}"[..(roomId.Length + IdMarker.Length + 12)];

    public static bool BelongsTo(string giveawayId, string roomId) =>
        giveawayId.StartsWith(roomId + IdMarker, StringComparison.Ordinal) && giveawayId.LastIndexOf(IdMarker, StringComparison.Ordinal) == roomId.Length;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _sender = new StageSender(Update, Stage, S.Outbox, _logger);
        var self = this.AsReference<IGiveawayGrain>();
        _clock = new MechanicClock(_time, () => self.WakeUp(), _logger);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true });
        if (S.Status == GiveawayStatus.Active && S.Terms is not null) _clock.Set(S.EndsAt);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _clock.Dispose();
        return Task.CompletedTask;
    }

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

        var stage = Stage;
        var ticket = await stage.OpenSlot(caller, StageSlot.Giveaway, GiveawayId, keyword);
        LineItem? prizes = null;
        try
        {
            // Each winner's prize unit leaves the product's stock now; units nobody wins come back.
            if (productId is not null) prizes = (await Shelf.Take(new TakeRequest(GiveawayId, GiveawayId, [new ShelfLine(productId, winners)]))).Single();
        }
        catch (Exception e)
        {
            await stage.ReleaseSlot(StageSlot.Giveaway, GiveawayId);
            if (e is LiveCommerceException { Code: ErrorCodes.Conflict }) throw LiveCommerceException.Invalid($"fewer units of '{productId}' than winners: {e.Message}");
            throw;
        }
        S.Seed = FairDraw.NewSeed();
        S.Terms = new GiveawayTerms(RoomId, ticket.HostId, prize, prizes, winners, keyword, minWatch, ticket.SellRegions);
        S.EndsAt = Now.AddSeconds(duration);
        S.Status = GiveawayStatus.Active;
        S.Outbox.Add(GiveawayEventTypes.GiveawayStarted, new GiveawayStartedData { Giveaway = View() });
        await _commit.CommitAsync();
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _clock.Set(S.EndsAt);
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
        await _commit.CommitAsync();
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
        if (S.SaidKeyword.Add(caller.UserId!)) await _commit.CommitAsync();
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
        await _commit.CommitAsync();
        _ = FollowUpsAsync();
        return view;
    }

    public async Task EndWithRoom()
    {
        if (S.Terms is null) return;
        DrawIfDue();
        if (S.Status != GiveawayStatus.Ended)
        {
            Finish();
            await _commit.CommitAsync();
        }
        _ = FollowUpsAsync();
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

    public Task WakeUp()
    {
        if (S.Terms is not null) DrawIfDue();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => TickAsync(CancellationToken.None);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (S.Terms is null) return;
        DrawIfDue();
        if (_sender.Behind) await _commit.CommitAsync();
        await FollowUpsAsync();
    }

    private void DrawIfDue()
    {
        if (S.Status != GiveawayStatus.Active || S.Terms is null || Now < S.EndsAt) return;
        Finish();
        _ = DrawnAsync();
    }

    private async Task DrawnAsync()
    {
        try
        {
            await _commit.CommitAsync();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Storing the draw of giveaway {GiveawayId} failed; it is retried on reactivation", GiveawayId);
            return;
        }
        await FollowUpsAsync();
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
        _clock.Stop();
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
    private async Task FollowUpsAsync()
    {
        if (S.Status != GiveawayStatus.Ended || _followingUp) return;
        _followingUp = true;
        try
        {
            var terms = S.Terms!;
            if (!S.PrizesSettled)
            {
                if (terms.PrizeLine is not null) await Shelf.Settle(GiveawayId, "draw", S.WinnerIds.Count, terms.Winners - S.WinnerIds.Count);
                S.PrizesSettled = true;
                await _commit.CommitAsync();
            }
            foreach (var winner in S.WinnerIds.Where(w => !S.Notified.Contains(w)).ToList())
            {
                Order? order = null;
                if (S.PrizeOrders.TryGetValue(winner, out var prize))
                {
                    order = await GrainFactory.GetGrain<IOrderGrain>(prize.OrderId).Track(prize);
                    await GrainFactory.GetGrain<IBuyerGrain>(winner).AddOrder(prize.OrderId);
                }
                _personal.Add((winner, new PersonalEvent
                {
                    Type = GiveawayEventTypes.GiveawayWon,
                    At = Now,
                    Data = new GiveawayWonData { GiveawayId = GiveawayId, Prize = terms.Prize, Order = order },
                }));
                S.Notified.Add(winner);
                await _commit.CommitAsync();
            }
            if (S.Settled && await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "A follow-up of giveaway {GiveawayId} failed; the timer retries", GiveawayId);
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
            DeactivateOnIdle();
            throw;
        }
        foreach (var (userId, evt) in personal) _publisher.PublishPersonal(userId, evt);
        if (S.Entrants.Count != _publishedEntrants && S.Terms is not null)
        {
            _publishedEntrants = S.Entrants.Count;
            _publisher.PublishRoom(RoomId, [new RoomEvent
            {
                Type = GiveawayEventTypes.GiveawayEntrants,
                At = Now,
                Data = new GiveawayEntrantsData { GiveawayId = GiveawayId, Count = S.Entrants.Count },
            }]);
        }
        _sender.Kick();
    }

    private StageUpdate Update() => new(StageSlot.Giveaway, GiveawayId, [.. S.Outbox.Pending], View(), S.Status == GiveawayStatus.Ended);

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

    private static void RequireUser(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to do that; guests can only watch");
    }

    private GiveawayTerms RequireGiveaway()
    {
        if (S.Terms is { } terms) return terms;
        DeactivateOnIdle();
        throw LiveCommerceException.NotFound($"giveaway '{GiveawayId}' does not exist");
    }
}

using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Moderation;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Auctions;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Giveaways;
using LiveCommerce.Grains.Moderation;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.Grains.Social;
using LiveCommerce.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// The room: the sequencer of its log (every log event gets its gapless seq here), lifecycle, chat and
/// moderation, pins, likes, audience and the snapshot. It holds no stock: products and units are the
/// shelf's (<see cref="IShelfGrain"/>), which pushes its products here for snapshots; each flash sale
/// is its own grain. Reentrant so that group commit can gather the changes of concurrent calls into
/// one write: every rule is checked and every change made synchronously (one turn), then the call
/// awaits the write that includes it. Log events reach clients only after they are stored, in seq order.
/// </summary>
[Reentrant]
public sealed class LiveRoomGrain : Grain, ILiveRoomGrain, IRoomInbox, IRoomCouponBoard, IRoomStage
{
    private const int TailResent = 100;
    private const int RecentCommentCount = 50;
    private const int EndedMechanicsShown = 5;
    // A slot taken by an opening that never reported its start (its grain failed) frees itself.
    private static readonly TimeSpan StaleOpening = TimeSpan.FromSeconds(60);
    private readonly IPersistentState<RoomState> _room;
    private readonly IPersistentState<AudienceState> _audience;
    private readonly IPersistentState<ModerationLogState> _moderationLog;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly RoomOptions _options;
    private readonly GroupCommit _commit;
    private readonly SegmentedLog _log;
    private readonly CommentGuard _commentGuard;
    private readonly ILogger<LiveRoomGrain> _logger;
    private readonly AudienceTally _tally = new();
    private readonly RoomQuotas _quotas;
    // Sales between their quota check and their appearance in the state (the opening awaits the shelf).
    private int _salesOpening;
    private readonly Guid _epoch = Guid.NewGuid();
    // Events of the write in progress: sent once it is stored.
    private readonly List<RoomEvent> _outgoing = [];
    private bool _roomDirty;
    private bool _audienceDirty;
    private bool _moderationLogDirty;
    private RoomSnapshot? _snapshot;
    private readonly LiveCommerceMetrics _metrics;
    private ViewerCounts? _lastPublishedCounts;
    private RoomListing? _lastListing;
    private DateTime _listingRefreshedAt;
    private readonly HeadSchedule _head;
    private readonly TimeSpan _headTick;

    public LiveRoomGrain(
        [PersistentState("room", StorageNames.Live)] IPersistentState<RoomState> room,
        [PersistentState("audience", StorageNames.Live)] IPersistentState<AudienceState> audience,
        [PersistentState("moderationLog", StorageNames.Live)] IPersistentState<ModerationLogState> moderationLog,
        IRoomPublisher publisher,
        TimeProvider time,
        IOptions<RoomOptions> options,
        [FromKeyedServices(StorageNames.Live)] IGrainStorage storage,
        LiveCommerceMetrics metrics,
        ILogger<LiveRoomGrain> logger,
        IOptions<HeartbeatOptions> heartbeat)
    {
        _logger = logger;
        _room = room;
        _audience = audience;
        _moderationLog = moderationLog;
        _publisher = publisher;
        _time = time;
        _options = options.Value;
        _metrics = metrics;
        _commit = new GroupCommit(WriteAsync, metrics, "room");
        _commentGuard = new CommentGuard(_options);
        _quotas = new RoomQuotas(_options);
        _log = new SegmentedLog(storage, this.GetGrainId(), _options.LogCapacity, _options.ArchiveEvents);
        var headPeriod = TimeSpan.FromSeconds(heartbeat.Value.HeartbeatSeconds);
        _headTick = HeadSchedule.TickFor(headPeriod);
        _head = new HeadSchedule(time, headPeriod, _headTick);
    }

    private RoomState S => _room.State;
    private string RoomId => this.GetPrimaryKeyString();
    private DateTime Now => _time.GetUtcNow().UtcDateTime;
    private IShelfGrain Shelf => GrainFactory.GetGrain<IShelfGrain>(RoomId);
    private TimeSpan SilentHostTimeout => TimeSpan.FromSeconds(_options.PresenceHostTimeoutSeconds);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _log.LoadAsync();
        // Events stored just before a crash that kept the room state from being written: never reuse their seqs.
        if (_log.LastSeq > S.Seq) S.Seq = _log.LastSeq;
        // State stored before epochs existed gets one now, stored with the next write.
        if (S.Room is not null && S.Epoch is null)
        {
            S.Epoch = RoomEpochs.Mint();
            _roomDirty = true;
        }
        // A silo that died between storing events and sending their frame took that frame with it:
        // send the newest stored events again (clients skip seqs they already have).
        if (_log.After(Math.Max(0, S.Seq - TailResent), S.Seq) is { Length: > 0 } tail) Publish(tail);
        // Watch time lives with the presence it comes from: after a move, counting resumes as hosts report.
        if (S.ActiveMechanics.ContainsKey(StageSlot.Giveaway)) _tally.Watch.Mark(Now);
        this.RegisterGrainTimer(HousekeepingAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromSeconds(1),
            Period = TimeSpan.FromSeconds(1),
            Interleave = true,
        });
        // Its own timer, so that a housekeeping call stuck on another grain never holds the heartbeat.
        this.RegisterGrainTimer(SendHeadIfQuiet, new GrainTimerCreationOptions { DueTime = _headTick, Period = _headTick, Interleave = true });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _commentGuard.Dispose();
        return Task.CompletedTask;
    }

    // ---- Lifecycle and products ----

    public async Task<Room> Create(Caller caller, CreateRoomRequest request)
    {
        RequireUser(caller);
        if (caller.Role != Roles.Host) throw LiveCommerceException.Forbidden("only hosts can create rooms");
        if (S.Room is not null) throw LiveCommerceException.Conflict($"room '{RoomId}' already exists");
        var room = new Room
        {
            RoomId = RoomId,
            Title = Validate.Text(request.Title, "title", 200),
            HostId = caller.UserId!,
            Status = RoomStatus.Scheduled,
            SellRegions = (request.SellRegions ?? []).Select(Validate.Region).Distinct().ToArray(),
            Language = string.IsNullOrWhiteSpace(request.Language) ? null : Validate.Text(request.Language, "language", 16),
            CreatedAt = Now,
        };
        S.Room = RoomDetails.Apply(room, request, Now);
        // A new log (or one whose room state was lost: its seqs may restart lower) starts a new epoch.
        S.Epoch = RoomEpochs.Resolve(S.Epoch, out _);
        S.ShelfHasTerms = false;
        await Commit();
        await TellShelfTermsAsync();
        await RefreshDirectoryAsync(force: true);
        return S.Room;
    }

    public async Task<Product> AddProduct(Caller caller, AddProductRequest request)
    {
        var room = RequireHost(caller);
        if (room.Status == RoomStatus.Ended) throw LiveCommerceException.RoomNotLive("the room has ended");
        var product = new Product
        {
            ProductId = Validate.Id(request.ProductId, "productId"),
            Name = Validate.Text(request.Name, "name", 200),
            Price = Validate.Price(request.Price),
            Currency = Validate.Currency(request.Currency),
            Stock = Validate.Range(request.Stock, 0, 10_000_000, "stock"),
            ImageUrl = Validate.OptionalUrl(request.ImageUrl),
            Kind = request.Kind ?? ProductKind.Goods,
            CommissionRate = Validate.CommissionRate(request.CommissionRate ?? 0m),
            SellerId = request.SellerId is null ? room.HostId : Validate.Id(request.SellerId, "sellerId"),
        };
        if (product.Kind == ProductKind.Voucher)
            product = product with
            {
                ValidDays = Validate.Range(request.ValidDays ?? 0, 1, 365, "validDays"),
                RedeemAt = Validate.Text(request.RedeemAt, "redeemAt", 200),
            };
        if (S.Products.Any(p => p.ProductId == product.ProductId))
            throw LiveCommerceException.Conflict($"product '{product.ProductId}' is already in the room");
        // A fast refusal here; the shelf checks again in its own turn (concurrent adds).
        _quotas.CheckProduct(S.Products.Count);
        await TellShelfTermsAsync();
        await Shelf.Put(product);
        // Shown at once; the shelf's push (with its version) brings the stock as it changes.
        if (!S.Products.Any(p => p.ProductId == product.ProductId)) S.Products.Add(product);
        await Commit();
        return product;
    }

    public async Task<Room> Start(Caller caller)
    {
        var room = RequireHost(caller);
        if (room.Status == RoomStatus.Live) return room;
        if (room.Status == RoomStatus.Ended) throw LiveCommerceException.Conflict("an ended room cannot start again");
        await ChangeStatus(RoomStatus.Live);
        return S.Room!;
    }

    public async Task<Room> End(Caller caller)
    {
        var room = RequireHost(caller);
        if (room.Status == RoomStatus.Ended) return room;
        await ChangeStatus(RoomStatus.Ended);
        return S.Room!;
    }

    private async Task ChangeStatus(RoomStatus status)
    {
        S.Room = S.Room! with { Status = status, EndedAt = status == RoomStatus.Ended ? Now : null };
        S.ShelfHasTerms = false;
        AppendLog(EventTypes.RoomStatus, new RoomStatusData { Status = status });
        await Commit();
        await TellShelfTermsAsync();
        await EndSalesOfEndedRoomAsync();
        await EndMechanicsOfEndedRoomAsync();
        await RefreshDirectoryAsync(force: true);
    }

    /// <summary>The shelf sells to buyers only while it knows the room is open and where it sells; retried by housekeeping.</summary>
    private async Task TellShelfTermsAsync()
    {
        if (S.ShelfHasTerms || S.Room is not { } room) return;
        await Shelf.SetTerms(new ShelfTerms(room.Status, room.SellRegions));
        if (S.Room == room)
        {
            S.ShelfHasTerms = true;
            _roomDirty = true;
        }
    }

    public Task OnShelfChanged(long version, Product[] products)
    {
        if (version <= S.ShelfVersion) return Task.CompletedTask;
        S.ShelfVersion = version;
        S.Products = [.. products];
        // Only for snapshots: stored with the next write, not worth one of its own.
        _roomDirty = true;
        _snapshot = null;
        return Task.CompletedTask;
    }

    public Task<RoomSnapshot> GetSnapshot()
    {
        RequireRoom();
        return Task.FromResult(Snapshot());
    }

    public Task<ResumeResult> GetEventsSince(long lastSeq)
    {
        RequireRoom();
        if (lastSeq < 0) throw LiveCommerceException.Invalid("lastSeq must be 0 or more");
        var events = _log.After(lastSeq, S.Seq);
        return Task.FromResult(events is null
            ? new ResumeResult { Events = [], Snapshot = Snapshot() }
            : new ResumeResult { Events = events });
    }

    public async Task Pin(Caller caller, string? productId)
    {
        var room = RequireHost(caller);
        if (room.Status == RoomStatus.Ended) throw LiveCommerceException.RoomNotLive("the room has ended");
        var product = FindProduct(Validate.Id(productId, "productId"));
        S.PinnedProductId = product.ProductId;
        AppendLog(EventTypes.Pinned, new PinnedData { Product = product });
        await Commit();
    }

    public async Task Unpin(Caller caller)
    {
        RequireHost(caller);
        if (S.PinnedProductId is null) return;
        S.PinnedProductId = null;
        AppendLog(EventTypes.Unpinned, EmptyData.Instance);
        await Commit();
    }

    // ---- Flash sales: the units come from the shelf, the sale grain sells them ----

    public async Task<StartFlashSaleResult> StartFlashSale(Caller caller, FlashSaleRequest request)
    {
        RequireHost(caller);
        var room = RequireLive();
        var productId = FindProduct(Validate.Id(request.ProductId, "productId")).ProductId;
        var price = Validate.Price(request.Price);
        var quantity = Validate.Range(request.Quantity, 1, 1_000_000, "quantity");
        var perUserLimit = Validate.Range(request.PerUserLimit, 1, 1_000_000, "perUserLimit");
        var duration = Validate.Range(request.DurationSeconds, 5, 86_400, "durationSeconds");
        // v1.1 pre-heat: announced now, opened later; the duration counts from the opening.
        var startsIn = request.StartsInSeconds is { } seconds ? Validate.Range(seconds, 10, 300, "startsInSeconds") : 0;
        _quotas.CheckFlashSale(S.SaleCounter, S.FlashSales, _salesOpening);
        _salesOpening++;
        try
        {
            return await OpenFlashSaleAsync(room, productId, price, quantity, perUserLimit, duration, startsIn);
        }
        finally
        {
            _salesOpening--;
        }
    }

    private async Task<StartFlashSaleResult> OpenFlashSaleAsync(Room room, string productId, decimal price, int quantity, int perUserLimit, int duration, int startsIn)
    {
        var saleId = $"{RoomId}.s{++S.SaleCounter}";
        var startsAt = Now.AddSeconds(startsIn);
        var endsAt = startsAt.AddSeconds(duration);
        LineItem line;
        try
        {
            line = (await Shelf.Take(new TakeRequest(saleId, saleId, [new ShelfLine(productId, quantity)]))).Single();
        }
        catch (LiveCommerceException e) when (e.Code == ErrorCodes.Conflict)
        {
            throw LiveCommerceException.Invalid($"too few of '{productId}' in stock for a sale of {quantity}: {e.Message}");
        }
        FlashSale sale;
        try
        {
            sale = await GrainFactory.GetGrain<IFlashSaleGrain>(saleId).Open(new SaleTerms(
                RoomId, productId, line.Name, price, line.Currency ?? "USD", quantity, perUserLimit, endsAt, room.SellRegions) { StartsAt = startsAt });
        }
        catch
        {
            // The sale never opened: its units go back (if this fails too, the shelf's audit shows them held by the sale).
            await Shelf.Release(saleId, HoldStatus.Cancelled);
            throw;
        }
        S.FlashSales.Add(sale);
        AppendLog(EventTypes.FlashSaleStarted, new FlashSaleStartedData
        {
            SaleId = saleId, ProductId = productId, Price = price, Quantity = quantity,
            Remaining = sale.Remaining, PerUserLimit = perUserLimit, EndsAt = endsAt, StartsAt = startsAt, Status = sale.Status,
        });
        await Commit();
        return new StartFlashSaleResult { SaleId = saleId, EndsAt = endsAt, StartsAt = startsAt };
    }

    public async Task EndFlashSale(Caller caller, string? saleId)
    {
        RequireHost(caller);
        var sale = S.FlashSales.Find(s => s.SaleId == saleId) ?? throw LiveCommerceException.NotFound($"flash sale '{saleId}' is not in this room");
        if (sale.Status == FlashSaleStatus.Ended) return;
        await GrainFactory.GetGrain<IFlashSaleGrain>(sale.SaleId).End(FlashSaleEndReason.Host);
    }

    /// <summary>
    /// An ended room sells nothing: its running sales end (reason <c>host</c>). Each sale grain reports back
    /// through <see cref="OnFlashSaleEnded"/>; one that could not be reached is retried by housekeeping.
    /// </summary>
    private async Task EndSalesOfEndedRoomAsync()
    {
        if (S.Room?.Status != RoomStatus.Ended) return;
        foreach (var sale in S.FlashSales.Where(s => s.Status == FlashSaleStatus.Active).ToList())
        {
            try
            {
                await GrainFactory.GetGrain<IFlashSaleGrain>(sale.SaleId).End(FlashSaleEndReason.Host);
            }
            catch (Exception e) when (e is not LiveCommerceException)
            {
                // Housekeeping tries again within a second.
            }
        }
    }

    /// <summary>
    /// An ended room runs nothing (docs/protocol.md): its auction ends (the leader wins, else cancelled), its
    /// giveaway is drawn, its coupon drop stops taking claims. The room's stored status is the follow-up's
    /// record: housekeeping asks again every second until each mechanic has freed its slot (their ends
    /// are idempotent and stored by the mechanics) and the coupon grain has acknowledged.
    /// </summary>
    private async Task EndMechanicsOfEndedRoomAsync()
    {
        if (S.Room?.Status != RoomStatus.Ended) return;
        foreach (var (slot, mechanicId) in S.ActiveMechanics.ToList())
        {
            if (IsStaleOpening(slot, mechanicId))
            {
                FreeSlot(slot, mechanicId);
                _roomDirty = true;
                continue;
            }
            try
            {
                await (slot == StageSlot.Auction
                    ? GrainFactory.GetGrain<IAuctionGrain>(mechanicId).EndWithRoom()
                    : GrainFactory.GetGrain<IGiveawayGrain>(mechanicId).EndWithRoom());
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Ending {MechanicId} with room {RoomId} failed; housekeeping retries", mechanicId, RoomId);
            }
        }
        if (!S.CouponsEndedWithRoom)
        {
            try
            {
                await GrainFactory.GetGrain<ICouponDropGrain>(RoomId).EndWithRoom();
                S.CouponsEndedWithRoom = true;
                await Commit();
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Ending the coupon drop of room {RoomId} failed; housekeeping retries", RoomId);
            }
        }
        // Stay active (housekeeping keeps asking) until every mechanic has ended.
        if (S.ActiveMechanics.Count > 0 || !S.CouponsEndedWithRoom) DelayDeactivation(TimeSpan.FromMinutes(2));
    }

    public async Task OnFlashSaleEnded(string saleId, int sold, FlashSaleEndReason reason)
    {
        var index = S.FlashSales.FindIndex(s => s.SaleId == saleId);
        if (index < 0 || S.FlashSales[index].Status == FlashSaleStatus.Ended) return;
        S.FlashSales[index] = S.FlashSales[index] with { Status = FlashSaleStatus.Ended, Remaining = 0 };
        AppendLog(EventTypes.FlashSaleEnded, new FlashSaleEndedData { SaleId = saleId, Sold = sold, Reason = reason });
        await Commit();
    }

    public async Task OnFlashSaleOpened(string saleId)
    {
        var index = S.FlashSales.FindIndex(s => s.SaleId == saleId);
        if (index < 0 || S.FlashSales[index].Status != FlashSaleStatus.Upcoming) return;
        S.FlashSales[index] = S.FlashSales[index] with { Status = FlashSaleStatus.Active };
        AppendLog(EventTypes.FlashSaleOpened, new FlashSaleOpenedData { SaleId = saleId });
        await Commit();
    }

    public Task OnFlashSaleProgress(string saleId, int remaining)
    {
        var index = S.FlashSales.FindIndex(s => s.SaleId == saleId);
        if (index >= 0 && S.FlashSales[index].Status == FlashSaleStatus.Active)
        {
            // Only for snapshots: stored with the next write, not worth one of its own.
            S.FlashSales[index] = S.FlashSales[index] with { Remaining = remaining };
            _roomDirty = true;
            _snapshot = null;
        }
        return Task.CompletedTask;
    }

    // ---- Coupon drops: the drop grain's log events are sequenced here, its board shown in snapshots ----

    public async Task PostCouponEvents(CouponLogEntry[] events, CouponBoardView board)
    {
        RequireRoom();
        foreach (var entry in events)
            if (S.CouponBoard.Admit(entry.Key)) AppendLog(entry.Type, entry.Data);
        S.CouponBoard.Show(board);
        await Commit();
    }

    public Task ShowCoupons(CouponBoardView board)
    {
        // Only for snapshots: stored with the next write, not worth one of its own.
        S.CouponBoard.Show(board);
        _roomDirty = true;
        _snapshot = null;
        return Task.CompletedTask;
    }

    // ---- Chat, likes and moderation ----

    public async Task<SendCommentResult> Comment(Caller caller, string? text)
    {
        RequireUser(caller);
        var room = RequireLive();
        var userId = caller.UserId!;
        if (S.MutedUntil.TryGetValue(userId, out var until) && until > Now)
            throw new LiveCommerceException(ErrorCodes.Muted, $"you are muted in this room until {until:u}");
        var exempt = userId == room.HostId || IsModerator(caller);
        var admitted = _commentGuard.Admit(userId, text, exempt, S.SlowModeSeconds, Now, S.Moderation.Matcher);
        if (!exempt && S.Moderation.IsShadowBanned(userId)) return await ShadowCommentAsync(caller, room, admitted);

        var badge = userId == room.HostId ? Badges.Host : IsModerator(caller) ? Badges.Moderator : null;
        var comment = new CommentData { CommentId = $"c{S.Seq + 1}", UserId = userId, Name = caller.DisplayName, Text = admitted, Badge = badge };
        var evt = AppendLog(EventTypes.Comment, comment);
        S.Comments++;
        S.RecentComments.Add(comment);
        if (S.RecentComments.Count > RecentCommentCount) S.RecentComments.RemoveAt(0);
        await Commit();
        await AfterCommentAsync(caller, room, comment.CommentId, admitted);
        return new SendCommentResult { CommentId = comment.CommentId, Seq = evt.Seq!.Value };
    }

    /// <summary>What a comment does besides being shown: the giveaway keyword and comment-to-buy.</summary>
    private async Task AfterCommentAsync(Caller caller, Room room, string commentId, string text)
    {
        await ForwardKeywordAsync(caller, text);
        if (CommentToBuyCommand.Parse(text, room.BuyKeyword) is { } command) BuyFromComment(caller, commentId, command);
    }

    /// <summary>
    /// A shadow-banned author's comment (v1.1): answered as usual with the room's current last seq, sent to
    /// the author alone as a personal event with <c>seq: null</c>, never logged, counted or shown in
    /// snapshots. Everything else it would do for the author (keyword entry, comment-to-buy) it still does,
    /// so the ban does not give itself away.
    /// </summary>
    private async Task<SendCommentResult> ShadowCommentAsync(Caller caller, Room room, string text)
    {
        var comment = new CommentData
        {
            CommentId = $"c{S.Seq}-{Guid.NewGuid().ToString("N")[..8]}",
            UserId = caller.UserId!,
            Name = caller.DisplayName,
            Text = text,
        };
        _publisher.PublishPersonal(caller.UserId!, new PersonalEvent { Type = EventTypes.Comment, At = Now, Data = comment, RoomId = RoomId });
        await AfterCommentAsync(caller, room, comment.CommentId, text);
        return new SendCommentResult { CommentId = comment.CommentId, Seq = S.Seq };
    }

    /// <summary>
    /// Comment-to-buy: the product named (else the pinned one) through its active flash sale, else into
    /// the cart. Carried out off the room's turn; the purchase is idempotent on the comment id.
    /// </summary>
    private void BuyFromComment(Caller caller, string commentId, CommentToBuyCommand command)
    {
        var productId = command.ProductId is { } named
            ? S.Products.Find(p => string.Equals(p.ProductId, named, StringComparison.OrdinalIgnoreCase))?.ProductId ?? named
            : S.PinnedProductId ?? "";
        var sale = S.FlashSales.LastOrDefault(s => s.ProductId == productId && s.Status == FlashSaleStatus.Active && s.EndsAt > Now);
        _ = GrainFactory.GetGrain<ICommentToBuyGrain>(RoomId).Buy(caller, commentId, productId, command.Quantity, sale?.SaleId);
    }

    public async Task Like(Caller caller, int taps)
    {
        RequireUser(caller);
        Validate.Range(taps, 1, LiveProtocol.MaxTapsPerLike, "taps");
        RequireLive();
        S.Likes += taps;
        _outgoing.Add(new RoomEvent { Seq = null, Type = EventTypes.Likes, At = Now, Data = new LikesData { Total = S.Likes } });
        await Commit();
    }

    public async Task DeleteComment(Caller caller, string? commentId)
    {
        RequireModerator(caller);
        var id = Validate.Id(commentId, "commentId");
        var known = S.RecentComments.RemoveAll(c => c.CommentId == id) > 0
            || _log.All.Any(e => e.Data is CommentData c && c.CommentId == id);
        if (!known) throw LiveCommerceException.NotFound($"comment '{id}' is not in this room's recent log");
        AppendLog(EventTypes.CommentDeleted, new CommentDeletedData { CommentId = id });
        Audit(caller, ModerationAction.DeleteComment, commentId: id);
        await Commit();
    }

    public async Task MuteUser(Caller caller, string? userId, int seconds)
    {
        var room = RequireModerator(caller);
        var target = Validate.Id(userId, "userId");
        Validate.Range(seconds, 0, 7 * 24 * 3600, "seconds");
        if (target == room.HostId) throw LiveCommerceException.Forbidden("the room's host cannot be muted");
        if (S.Moderators.Contains(target) && caller.UserId != room.HostId)
            throw LiveCommerceException.Forbidden("only the room's host can mute one of its moderators");
        var until = Now.AddSeconds(seconds);
        if (seconds == 0) S.MutedUntil.Remove(target);
        else S.MutedUntil[target] = until;
        foreach (var expired in S.MutedUntil.Where(m => m.Value <= Now).Select(m => m.Key).ToList()) S.MutedUntil.Remove(expired);
        AppendLog(EventTypes.UserMuted, new UserMutedData { UserId = target, Until = until });
        Audit(caller, seconds == 0 ? ModerationAction.UnmuteUser : ModerationAction.MuteUser, target, detail: seconds == 0 ? null : $"{seconds} s, until {until:u}");
        await Commit();
    }

    public async Task AddModerator(Caller caller, string? userId)
    {
        var room = RequireHost(caller);
        var target = Validate.Id(userId, "userId");
        if (target == room.HostId) throw LiveCommerceException.Invalid("the host moderates the room already");
        if (!S.Moderators.Contains(target) && S.Moderators.Count >= MaxModerators)
            throw LiveCommerceException.Invalid($"a room has at most {MaxModerators} moderators");
        if (!S.Moderators.Add(target)) return;
        Audit(caller, ModerationAction.AddModerator, target);
        await Commit();
    }

    public async Task RemoveModerator(Caller caller, string? userId)
    {
        RequireHost(caller);
        var target = Validate.Id(userId, "userId");
        if (!S.Moderators.Remove(target)) return;
        Audit(caller, ModerationAction.RemoveModerator, target);
        await Commit();
    }

    private const int MaxModerators = 50;

    public async Task SetSlowMode(Caller caller, int seconds)
    {
        RequireModerator(caller);
        S.SlowModeSeconds = Validate.Range(seconds, 0, 3600, "seconds");
        AppendLog(EventTypes.SlowMode, new SlowModeData { Seconds = seconds });
        Audit(caller, ModerationAction.SetSlowMode, detail: seconds == 0 ? "off" : $"{seconds} s");
        await Commit();
    }

    public async Task SetBlockedWords(Caller caller, string[]? words)
    {
        RequireModerator(caller);
        var (added, removed) = S.Moderation.SetBlockedWords(words);
        Audit(caller, ModerationAction.SetBlockedWords, detail: $"{S.Moderation.BlockedWords.Length} words: {ModerationAudit.WordChanges(added, removed)}");
        await Commit();
    }

    /// <summary>
    /// Nobody who moderates the room can be shadow-banned: not the host (<c>forbidden</c>), not a room
    /// moderator (<c>forbidden</c>: the host removes them first), and a ban never hides the comments of
    /// anyone moderating at the time they comment (a platform moderator's id cannot be told from the call).
    /// </summary>
    public async Task ShadowBan(Caller caller, string? userId, bool on)
    {
        var room = RequireModerator(caller);
        var target = Validate.Id(userId, "userId");
        if (on && target == room.HostId) throw LiveCommerceException.Forbidden("the room's host cannot be shadow-banned");
        if (on && S.Moderators.Contains(target)) throw LiveCommerceException.Forbidden("a room moderator cannot be shadow-banned; the host can remove them as moderator first");
        if (!S.Moderation.SetShadowBan(target, on)) return;
        Audit(caller, on ? ModerationAction.ShadowBan : ModerationAction.ShadowUnban, target);
        await Commit();
    }

    public Task<RoomModerationView> GetModeration(Caller caller)
    {
        RequireModerator(caller);
        var now = Now;
        return Task.FromResult(new RoomModerationView
        {
            Moderators = [.. S.Moderators.Order(StringComparer.Ordinal)],
            Muted = [.. S.MutedUntil.Where(m => m.Value > now).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MutedUser { UserId = m.Key, Until = m.Value })],
            ShadowBanned = [.. S.Moderation.ShadowBanned.Order(StringComparer.Ordinal)],
            BlockedWords = S.Moderation.BlockedWords,
            SlowModeSeconds = S.SlowModeSeconds,
        });
    }

    public Task<ModerationLogEntry[]> GetModerationLog(Caller caller, int limit)
    {
        RequireModerator(caller);
        Validate.Range(limit, 1, ModerationAudit.Capacity, "limit");
        return Task.FromResult(_moderationLog.State.Audit.Newest(limit));
    }

    /// <summary>Records a moderation action; stored with the change it audits (same group commit).</summary>
    private void Audit(Caller caller, ModerationAction action, string? targetUserId = null, string? commentId = null, string? detail = null)
    {
        _moderationLog.State.Audit.Record(new ModerationLogEntry
        {
            At = Now, ModeratorId = caller.UserId!, Action = action, TargetUserId = targetUserId, CommentId = commentId, Detail = detail,
        });
        _moderationLogDirty = true;
    }

    // ---- Auctions and giveaways: their rules live in AuctionGrain and GiveawayGrain ----

    public async Task<StageTicket> OpenSlot(Caller caller, StageSlot slot, string mechanicId, string? keyword)
    {
        var room = RequireHost(caller);
        RequireLive();
        if (S.ActiveMechanics.TryGetValue(slot, out var active) && active != mechanicId && !IsStaleOpening(slot, active))
            throw LiveCommerceException.Conflict($"{(slot == StageSlot.Auction ? "an auction" : "a giveaway")} is already running in this room ('{active}')");
        S.ActiveMechanics[slot] = mechanicId;
        S.MechanicOpenedAt[slot] = Now;
        if (slot == StageSlot.Giveaway)
        {
            S.GiveawayKeyword = keyword;
            _tally.Watch.Mark(Now);
        }
        await Commit();
        return new StageTicket(room.HostId, room.SellRegions);
    }

    private bool IsStaleOpening(StageSlot slot, string active)
    {
        var shown = slot == StageSlot.Auction ? S.Auctions.Any(a => a.AuctionId == active) : S.Giveaways.Any(g => g.GiveawayId == active);
        return !shown && Now - S.MechanicOpenedAt.GetValueOrDefault(slot) > StaleOpening;
    }

    public async Task ReleaseSlot(StageSlot slot, string mechanicId)
    {
        if (!FreeSlot(slot, mechanicId)) return;
        await Commit();
    }

    private bool FreeSlot(StageSlot slot, string mechanicId)
    {
        if (!S.ActiveMechanics.TryGetValue(slot, out var active) || active != mechanicId) return false;
        S.ActiveMechanics.Remove(slot);
        if (slot == StageSlot.Giveaway) S.GiveawayKeyword = null;
        return true;
    }

    public async Task Apply(StageUpdate update)
    {
        RequireRoom();
        var last = S.MechanicEventsAppended.GetValueOrDefault(update.MechanicId);
        foreach (var evt in update.Events.Where(e => e.Number > last).OrderBy(e => e.Number))
        {
            AppendLog(evt.Type, evt.Data);
            last = evt.Number;
        }
        S.MechanicEventsAppended[update.MechanicId] = last;
        if (update.View is Auction auction)
            Show(S.Auctions, auction, a => a.AuctionId == auction.AuctionId, a => a.Status == AuctionStatus.Ended);
        else if (update.View is Giveaway giveaway)
            Show(S.Giveaways, giveaway, g => g.GiveawayId == giveaway.GiveawayId, g => g.Status == GiveawayStatus.Ended);
        if (update.Ended) FreeSlot(update.Slot, update.MechanicId);
        await Commit();
    }

    /// <summary>Replaces or adds the view, keeping the active one and the last few ended.</summary>
    private static void Show<T>(List<T> views, T view, Predicate<T> same, Func<T, bool> ended)
    {
        var index = views.FindIndex(same);
        if (index >= 0) views[index] = view;
        else views.Add(view);
        while (views.Count(ended) > EndedMechanicsShown) views.Remove(views.First(ended));
    }

    public Task<TimeSpan> WatchedSince(string userId) => Task.FromResult(_tally.Watch.Of(userId, Now));

    /// <summary>A comment with the active giveaway's keyword enters its author (the giveaway checks the rest).</summary>
    private async Task ForwardKeywordAsync(Caller caller, string text)
    {
        if (!EntryRules.Matches(text, S.GiveawayKeyword) || !S.ActiveMechanics.TryGetValue(StageSlot.Giveaway, out var giveawayId)) return;
        try
        {
            await GrainFactory.GetGrain<IGiveawayGrain>(giveawayId).KeywordSaid(caller);
        }
        catch (Exception e)
        {
            // The comment itself is stored and answered; its author can still enter with EnterGiveaway.
            _logger.LogWarning(e, "Forwarding a keyword comment to giveaway {GiveawayId} failed", giveawayId);
        }
    }

    // ---- Audience, room list and stats ----

    public Task<Guid> ReportPresence(PresenceReport report)
    {
        if (S.Room is null || (!report.Full && report.Epoch != _epoch)) return Task.FromResult(_epoch);

        _tally.Apply(report, Now);
        // Every report is also a moment to forget hosts that went silent (the timer does it when none come).
        _tally.DropSilentHosts(Now, SilentHostTimeout);
        var audience = _audience.State;
        var changed = false;
        foreach (var user in report.Visited) changed |= audience.DistinctUsers.Add(user);
        foreach (var user in report.Joined) changed |= audience.DistinctUsers.Add(user);
        if (report.GuestJoins > 0)
        {
            audience.GuestViews += report.GuestJoins;
            changed = true;
        }
        if (_tally.Current > audience.Peak)
        {
            audience.Peak = _tally.Current;
            changed = true;
        }
        PublishViewerCounts();
        if (changed)
        {
            // Counts are figures, not acknowledged actions: a failed write is retried with the next change.
            _audienceDirty = true;
            _ = _commit.CommitAsync();
        }
        return Task.FromResult(_epoch);
    }

    /// <summary>Sales figures (GMV, orders) are the host's business, not the moderators'.</summary>
    public async Task<RoomStats> GetStats(Caller caller)
    {
        RequireHost(caller);
        var counts = ViewerCounts();
        var figures = await Shelf.Figures();
        return new RoomStats
        {
            ViewersNow = counts.Current,
            PeakViewers = counts.Peak,
            TotalViews = counts.TotalViews,
            Comments = S.Comments,
            Likes = S.Likes,
            AddToCarts = figures.AddToCarts,
            Orders = figures.Orders,
            UnitsSold = figures.UnitsSold,
            Gmv = figures.Gmv,
            ConversionRate = counts.TotalViews == 0 ? 0 : Math.Round((double)figures.PayingBuyers / counts.TotalViews, 4),
        };
    }

    private ViewerCounts ViewerCounts() => new()
    {
        Current = _tally.Current,
        Peak = _audience.State.Peak,
        TotalViews = _audience.State.DistinctUsers.Count + _audience.State.GuestViews,
    };

    private void PublishViewerCounts()
    {
        var counts = ViewerCounts();
        if (counts == _lastPublishedCounts) return;
        _lastPublishedCounts = counts;
        Publish([new RoomEvent { Seq = null, Type = EventTypes.Viewers, At = Now, Data = counts }]);
    }

    private async Task HousekeepingAsync(CancellationToken cancellationToken)
    {
        if (S.Room is null) return;
        if (_tally.DropSilentHosts(Now, SilentHostTimeout)) PublishViewerCounts();
        await TellShelfTermsAsync();
        await EndSalesOfEndedRoomAsync();
        await EndMechanicsOfEndedRoomAsync();
        if (Now - _listingRefreshedAt >= TimeSpan.FromSeconds(_options.DirectoryRefreshSeconds)) await RefreshDirectoryAsync(force: false);
    }

    private async Task RefreshDirectoryAsync(bool force)
    {
        _listingRefreshedAt = Now;
        var room = S.Room!;
        var directory = GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key);
        // v1.1: scheduled and ended rooms are listed too (GET /api/rooms?status=).
        var listing = new RoomListing
        {
            RoomId = RoomId, Title = room.Title, HostId = room.HostId, Status = room.Status,
            Viewers = room.Status == RoomStatus.Live ? _tally.Current : 0,
            ScheduledAt = room.ScheduledAt, CoverImageUrl = room.CoverImageUrl, CreatedAt = room.CreatedAt, EndedAt = room.EndedAt,
        };
        if (!force && listing == _lastListing) return;
        await directory.Upsert(listing);
        _lastListing = listing;
    }

    // ---- The log, group commit and the snapshot ----

    private RoomEvent AppendLog(string type, object data)
    {
        var evt = new RoomEvent { Seq = ++S.Seq, Type = type, At = Now, Data = data };
        _log.Append(evt);
        _outgoing.Add(evt);
        _snapshot = null;
        _metrics.LogEventAppended(type);
        return evt;
    }

    private Task Commit()
    {
        _roomDirty = true;
        _snapshot = null;
        return _commit.CommitAsync();
    }

    private async Task WriteAsync()
    {
        var events = _outgoing.Count == 0 ? null : _outgoing.ToArray();
        _outgoing.Clear();
        var (room, audience, moderationLog) = (_roomDirty, _audienceDirty, _moderationLogDirty);
        (_roomDirty, _audienceDirty, _moderationLogDirty) = (false, false, false);
        try
        {
            // The log first: a crash between the two leaves stored events ahead of the room's seq,
            // which activation reconciles, rather than a seq whose event was never stored.
            await _log.WriteAsync();
            await Task.WhenAll(
                room ? _room.WriteStateAsync() : Task.CompletedTask,
                audience ? _audience.WriteStateAsync() : Task.CompletedTask,
                moderationLog ? _moderationLog.WriteStateAsync() : Task.CompletedTask);
        }
        catch
        {
            // Memory now holds changes that are not stored: start over from storage.
            DeactivateOnIdle();
            throw;
        }
        if (events is not null) Publish(events);
    }

    /// <summary>Hands events to the publisher with the log's epoch; log events also restart the heartbeat's period.</summary>
    private void Publish(IReadOnlyList<RoomEvent> events)
    {
        if (S.Epoch is { } epoch) _publisher.PublishRoom(RoomId, epoch, events);
        else _publisher.PublishRoom(RoomId, events);
        if (events.Any(e => e.IsLogEvent)) _head.SeqSent();
    }

    /// <summary>v1.1 heartbeat: a live room whose log has been quiet for <c>Realtime:HeartbeatSeconds</c> sends <c>head {seq, epoch}</c>.</summary>
    private Task SendHeadIfQuiet(CancellationToken cancellationToken)
    {
        // Nobody watching (as the hosts report it): nobody to tell; a viewer who joins gets a snapshot first.
        if (S.Room?.Status != RoomStatus.Live || _tally.Current == 0 || S.Epoch is not { } epoch || !_head.TakeDue()) return Task.CompletedTask;
        _publisher.PublishRoom(RoomId, epoch, [new RoomEvent { Seq = null, Type = EventTypes.Head, At = Now, Data = new HeadData { Seq = S.Seq, Epoch = epoch } }]);
        return Task.CompletedTask;
    }

    private RoomSnapshot Snapshot()
    {
        _snapshot ??= new RoomSnapshot
        {
            Room = S.Room!,
            Seq = S.Seq,
            Epoch = S.Epoch ?? "",
            Viewers = new ViewerCounts(),
            Likes = S.Likes,
            Pinned = S.PinnedProductId is { } pinned ? S.Products.Find(p => p.ProductId == pinned) : null,
            Products = S.Products.ToArray(),
            FlashSales = S.FlashSales.ToArray(),
            RecentComments = S.RecentComments.ToArray(),
            Auctions = S.Auctions.ToArray(),
            Giveaways = S.Giveaways.ToArray(),
            Coupons = S.CouponBoard.Drops,
        };
        return _snapshot with { Viewers = ViewerCounts(), Likes = S.Likes };
    }

    // ---- Replay: the whole log (live window and archive) and comments looked up by id ----

    public Task<LogPage> GetLog(Caller caller, long after, int limit)
    {
        // Anyone may replay an ended show; while it runs, the log is the host's and moderators' view.
        if (RequireRoom().Status != RoomStatus.Ended) RequireModerator(caller);
        return ReadLog(after, limit);
    }

    public Task<LogPage> ExportLog(Caller caller, long after, int limit)
    {
        RequireModerator(caller);
        return ReadLog(after, limit);
    }

    private async Task<LogPage> ReadLog(long after, int limit)
    {
        if (after < 0) throw LiveCommerceException.Invalid("after must be 0 or more");
        Validate.Range(limit, 1, LiveProtocol.MaxLogPage, "limit");
        var last = S.Seq;
        var events = await _log.ReadAsync(after, limit, last);
        var reached = events.Length > 0 ? events[^1].Seq!.Value : after;
        return new LogPage { Events = events, NextAfter = reached < last ? reached : null };
    }

    public Task<WindowComments> GetWindowComments(string[] commentIds)
    {
        var room = RequireRoom();
        if (commentIds is null || commentIds.Length > LiveProtocol.MaxTranslateComments)
            throw LiveCommerceException.Invalid($"commentIds must hold at most {LiveProtocol.MaxTranslateComments} ids");
        var wanted = commentIds.Select(id => Validate.Id(id, "commentId")).ToHashSet();
        var found = new Dictionary<string, CommentData>();
        foreach (var evt in _log.All)
        {
            if (evt.Data is CommentData c && wanted.Contains(c.CommentId)) found[c.CommentId] = c;
            else if (evt.Data is CommentDeletedData d) found.Remove(d.CommentId);
        }
        var comments = commentIds.Distinct().Where(found.ContainsKey).Select(id => found[id]).ToArray();
        return Task.FromResult(new WindowComments { Language = room.Language, Comments = comments });
    }

    // ---- Who may do what ----

    private Product FindProduct(string productId) =>
        S.Products.Find(p => p.ProductId == productId)
        ?? throw LiveCommerceException.NotFound($"product '{productId}' is not in this room");

    private Room RequireRoom()
    {
        if (S.Room is { } room) return room;
        DeactivateOnIdle();
        throw LiveCommerceException.NotFound($"room '{RoomId}' does not exist");
    }

    private static void RequireUser(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to do that; guests can only watch");
    }

    private Room RequireHost(Caller caller)
    {
        RequireUser(caller);
        var room = RequireRoom();
        if (caller.UserId != room.HostId) throw LiveCommerceException.Forbidden("only the room's host can do that");
        return room;
    }

    /// <summary>The room's host, one of its moderators (appointed by the host), or a platform moderator (token role).</summary>
    private Room RequireModerator(Caller caller)
    {
        RequireUser(caller);
        var room = RequireRoom();
        if (caller.UserId != room.HostId && caller.Role != Roles.Moderator && !S.Moderators.Contains(caller.UserId!))
            throw LiveCommerceException.Forbidden("only the room's host or a moderator can do that");
        return room;
    }

    private bool IsModerator(Caller caller) => caller.Role == Roles.Moderator || S.Moderators.Contains(caller.UserId ?? "");

    private Room RequireLive()
    {
        var room = RequireRoom();
        if (room.Status != RoomStatus.Live) throw LiveCommerceException.RoomNotLive($"the room is {room.Status.ToWire()}, not live");
        return room;
    }
}

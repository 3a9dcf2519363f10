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
public sealed class LiveRoomGrain : Grain, ILiveRoomGrain, IRoomInbox, IRoomCouponBoard, IRoomStage, IRemindable
{
    private const int TailResent = 100;
    private const int MaxBuysPerDelivery = 100;
    private readonly IPersistentState<RoomState> _room;
    private readonly IPersistentState<AudienceState> _audience;
    private readonly IPersistentState<ModerationLogState> _moderationLog;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly RoomOptions _options;
    private readonly GroupCommit _commit;
    private readonly SegmentedLog _log;
    private readonly RoomChat _chat;
    private readonly StageSlots _stage;
    private readonly ModerationRules _moderation;
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
    private readonly Outbox _outbox;
    private readonly FollowUpReminder _wakeUp;

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
        _commit = new GroupCommit(WriteAsync, metrics, "room", logger);
        _chat = new RoomChat(_options, () => S);
        _stage = new StageSlots(() => S);
        _moderation = new ModerationRules(() => S);
        _quotas = new RoomQuotas(_options);
        _log = new SegmentedLog(storage, this.GetGrainId(), _options.LogCapacity, _options.ArchiveEvents);
        var headPeriod = TimeSpan.FromSeconds(heartbeat.Value.HeartbeatSeconds);
        _headTick = HeadSchedule.TickFor(headPeriod);
        _head = new HeadSchedule(time, headPeriod, _headTick);
        _outbox = new Outbox(() => S.Outbox, DeliverAsync, MaxBuysPerDelivery);
        _wakeUp = new FollowUpReminder(this);
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
        // What was loaded is stored: its follow-ups may go out (housekeeping delivers them within a second).
        _outbox.Stored(_outbox.Mark());
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
        _chat.Dispose();
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
        var product = NewProduct.From(request, room.HostId);
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
        await WindDownAsync();
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
        ChangedForSnapshots();
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
        var sale = SaleRequest.From(request);
        var productId = FindProduct(sale.ProductId).ProductId;
        _quotas.CheckFlashSale(S.SaleCounter, S.FlashSales, _salesOpening);
        _salesOpening++;
        try
        {
            return await OpenFlashSaleAsync(room, productId, sale);
        }
        finally
        {
            _salesOpening--;
        }
    }

    private async Task<StartFlashSaleResult> OpenFlashSaleAsync(Room room, string productId, SaleRequest request)
    {
        var (price, quantity, perUserLimit) = (request.Price, request.Quantity, request.PerUserLimit);
        var saleId = $"{RoomId}.s{++S.SaleCounter}";
        var startsAt = Now.AddSeconds(request.StartsInSeconds);
        var endsAt = startsAt.AddSeconds(request.DurationSeconds);
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

    /// <summary>An ended room's mechanics are asked to end until all have (see <see cref="RoomWindDown"/>); the room stays active meanwhile.</summary>
    private async Task WindDownAsync()
    {
        var progress = await new RoomWindDown(GrainFactory, _stage, () => S, RoomId, _logger).AskAsync(Now);
        if (progress.Changed) await Commit();
        if (progress.Pending) DelayDeactivation(TimeSpan.FromMinutes(2));
    }

    public async Task OnFlashSaleEnded(string saleId, int sold, FlashSaleEndReason reason)
    {
        if (!RoomSales.End(S.FlashSales, saleId)) return;
        AppendLog(EventTypes.FlashSaleEnded, new FlashSaleEndedData { SaleId = saleId, Sold = sold, Reason = reason });
        await Commit();
    }

    public async Task OnFlashSaleOpened(string saleId)
    {
        if (!RoomSales.Open(S.FlashSales, saleId)) return;
        AppendLog(EventTypes.FlashSaleOpened, new FlashSaleOpenedData { SaleId = saleId });
        await Commit();
    }

    public Task OnFlashSaleProgress(string saleId, int remaining)
    {
        // Only for snapshots: stored with the next write, not worth one of its own.
        if (RoomSales.Progress(S.FlashSales, saleId, remaining)) ChangedForSnapshots();
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
        S.CouponBoard.Show(board);
        ChangedForSnapshots();
        return Task.CompletedTask;
    }

    // ---- Chat, likes and moderation ----

    public async Task<SendCommentResult> Comment(Caller caller, string? text)
    {
        RequireUser(caller);
        var room = RequireLive();
        var admitted = _chat.Admit(caller, room, text, Now);
        if (admitted.Shadow) return await ShadowCommentAsync(caller, room, admitted.Text);

        var comment = new CommentData { CommentId = $"c{S.Seq + 1}", UserId = caller.UserId!, Name = caller.DisplayName, Text = admitted.Text, Badge = admitted.Badge };
        var evt = AppendLog(EventTypes.Comment, comment);
        _chat.Remember(comment);
        // A buy command is stored with the comment (same write): acknowledged together, never lost apart.
        BuyFromComment(caller, room, comment.CommentId, admitted.Text);
        await Commit();
        await ForwardKeywordAsync(caller, admitted.Text);
        return new SendCommentResult { CommentId = comment.CommentId, Seq = evt.Seq!.Value };
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
        if (BuyFromComment(caller, room, comment.CommentId, text)) await Commit();
        await ForwardKeywordAsync(caller, text);
        return new SendCommentResult { CommentId = comment.CommentId, Seq = S.Seq };
    }

    /// <summary>
    /// Comment-to-buy as a durable follow-up: recorded in the room's outbox with the comment, delivered after
    /// the write and retried until the comment-to-buy grain acknowledges (it is idempotent on the comment id).
    /// </summary>
    private bool BuyFromComment(Caller caller, Room room, string commentId, string text)
    {
        if (_chat.BuyOrder(caller, room, commentId, text, Now) is not { } order) return false;
        _outbox.Add(new BuyComment(order));
        return true;
    }

    private Task DeliverAsync(IReadOnlyList<FollowUp> batch) =>
        GrainFactory.GetGrain<ICommentToBuyGrain>(RoomId).BuyFromComments([.. batch.Cast<BuyComment>().Select(b => b.Order)]);

    /// <summary>Delivers the stored follow-ups; never throws (what fails stays stored: housekeeping and the reminder retry).</summary>
    private async Task FollowUpAsync()
    {
        try
        {
            if (await _outbox.DeliverAsync() > 0)
            {
                // Forget the delivered ones (were this write lost, a redelivery is harmless: the receiver is idempotent).
                _roomDirty = true;
                _commit.CommitInBackground();
            }
            await _wakeUp.KeepAsync(_outbox.HasPending);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Follow-ups of room {RoomId} will be retried", RoomId);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => FollowUpAsync();

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
        var until = _moderation.Mute(room, caller, target, seconds, Now);
        AppendLog(EventTypes.UserMuted, new UserMutedData { UserId = target, Until = until });
        Audit(caller, seconds == 0 ? ModerationAction.UnmuteUser : ModerationAction.MuteUser, target, detail: seconds == 0 ? null : $"{seconds} s, until {until:u}");
        await Commit();
    }

    public async Task AddModerator(Caller caller, string? userId)
    {
        var room = RequireHost(caller);
        var target = Validate.Id(userId, "userId");
        if (!_moderation.AddModerator(room, target)) return;
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

    /// <summary>A ban never hides the comments of anyone moderating at the time they comment (see <see cref="ModerationRules.ShadowBan"/>).</summary>
    public async Task ShadowBan(Caller caller, string? userId, bool on)
    {
        var room = RequireModerator(caller);
        var target = Validate.Id(userId, "userId");
        if (!_moderation.ShadowBan(room, target, on)) return;
        Audit(caller, on ? ModerationAction.ShadowBan : ModerationAction.ShadowUnban, target);
        await Commit();
    }

    public Task<RoomModerationView> GetModeration(Caller caller)
    {
        RequireModerator(caller);
        return Task.FromResult(_moderation.View(Now));
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
        _stage.Open(slot, mechanicId, keyword, Now);
        if (slot == StageSlot.Giveaway) _tally.Watch.Mark(Now);
        await Commit();
        return new StageTicket(room.HostId, room.SellRegions);
    }

    public async Task ReleaseSlot(StageSlot slot, string mechanicId)
    {
        if (!_stage.Free(slot, mechanicId)) return;
        await Commit();
    }

    public async Task Apply(StageUpdate update)
    {
        RequireRoom();
        _stage.Apply(update, (type, data) => AppendLog(type, data));
        await Commit();
    }

    public Task<TimeSpan> WatchedSince(string userId) => Task.FromResult(_tally.Watch.Of(userId, Now));

    /// <summary>A comment with the active giveaway's keyword enters its author (the giveaway checks the rest).</summary>
    private async Task ForwardKeywordAsync(Caller caller, string text)
    {
        if (_chat.GiveawayEntered(text) is not { } giveawayId) return;
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
        var changed = _audience.State.Record(report, _tally.Current);
        PublishViewerCounts();
        if (changed)
        {
            // Counts are figures, not acknowledged actions: a failed write is retried with the next change.
            _audienceDirty = true;
            _commit.CommitInBackground();
        }
        return Task.FromResult(_epoch);
    }

    /// <summary>Sales figures (GMV, orders) are the host's business, not the moderators'.</summary>
    public async Task<RoomStats> GetStats(Caller caller)
    {
        RequireHost(caller);
        return RoomViews.Stats(S, ViewerCounts(), await Shelf.Figures());
    }

    private ViewerCounts ViewerCounts() => RoomViews.Counts(_audience.State, _tally.Current);

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
        await FollowUpAsync();
        await TellShelfTermsAsync();
        await WindDownAsync();
        if (Now - _listingRefreshedAt >= TimeSpan.FromSeconds(_options.DirectoryRefreshSeconds)) await RefreshDirectoryAsync(force: false);
    }

    private async Task RefreshDirectoryAsync(bool force)
    {
        _listingRefreshedAt = Now;
        var listing = RoomViews.Listing(S.Room!, _tally.Current);
        if (!force && listing == _lastListing) return;
        await GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Upsert(listing);
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

    /// <summary>A change only snapshots show (products, stock, the coupon board): stored with the next write, not worth one of its own.</summary>
    private void ChangedForSnapshots()
    {
        _roomDirty = true;
        _snapshot = null;
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
        var followUps = _outbox.Mark();
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
        _outbox.Stored(followUps);
        if (events is not null) Publish(events);
        if (_outbox.HasPending) _ = FollowUpAsync();
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
        _snapshot ??= RoomViews.Snapshot(S);
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

    private Task<LogPage> ReadLog(long after, int limit) => LogQueries.PageAsync(_log, after, limit, S.Seq);

    public Task<WindowComments> GetWindowComments(string[] commentIds)
    {
        var room = RequireRoom();
        return Task.FromResult(new WindowComments { Language = room.Language, Comments = LogQueries.WindowComments(_log.All, commentIds) });
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
        if (caller.UserId != room.HostId && !_chat.IsModerator(caller))
            throw LiveCommerceException.Forbidden("only the room's host or a moderator can do that");
        return room;
    }

    private Room RequireLive()
    {
        var room = RequireRoom();
        if (room.Status != RoomStatus.Live) throw LiveCommerceException.RoomNotLive($"the room is {room.Status.ToWire()}, not live");
        return room;
    }
}

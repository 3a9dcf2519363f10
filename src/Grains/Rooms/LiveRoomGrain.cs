using LiveCommerce.Errors;
using LiveCommerce.Identity;
using LiveCommerce.Moderation;
using LiveCommerce.Persistence;
using LiveCommerce.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;

namespace LiveCommerce.Rooms;

/// <summary>
/// The room. Reentrant so that group commit can gather the changes of concurrent calls into one
/// write: every rule is checked and every change made synchronously (one turn), then the call awaits
/// the write that includes it. Log events reach clients only after they are stored, in seq order.
/// </summary>
[Reentrant]
public sealed partial class LiveRoomGrain : Grain, ILiveRoomGrain
{
    private readonly IPersistentState<RoomState> _room;
    private readonly IPersistentState<AudienceState> _audience;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly RoomOptions _options;
    private readonly GroupCommit _commit;
    private readonly List<RoomEvent> _outbox = [];
    private readonly CommentGuard _commentGuard;
    private bool _roomDirty;
    private bool _audienceDirty;
    private bool _commerceDirty;
    private RoomSnapshot? _snapshot;
    private readonly SegmentedLog _log;
    private readonly ILogger<LiveRoomGrain> _logger;
    private const int TailResent = 100;

    public LiveRoomGrain(
        [PersistentState("room", StorageNames.Live)] IPersistentState<RoomState> room,
        [PersistentState("audience", StorageNames.Live)] IPersistentState<AudienceState> audience,
        [PersistentState("commerce", StorageNames.Live)] IPersistentState<RoomCommerceState> commerce,
        [PersistentState("stage", StorageNames.Live)] IPersistentState<StageState> stage,
        IRoomPublisher publisher,
        TimeProvider time,
        IOptions<RoomOptions> options,
        IOptions<Commerce.CommerceOptions> commerceOptions,
        [FromKeyedServices(StorageNames.Live)] IGrainStorage storage,
        ILogger<LiveRoomGrain> logger)
    {
        _stage = stage;
        _logger = logger;
        _room = room;
        _audience = audience;
        _commerce = commerce;
        _commerceOptions = commerceOptions.Value;
        _publisher = publisher;
        _time = time;
        _options = options.Value;
        _commit = new GroupCommit(WriteAsync);
        _commentGuard = new CommentGuard(_options);
        _log = new SegmentedLog(storage, this.GetGrainId(), _options.LogCapacity);
    }

    private RoomState S => _room.State;
    private string RoomId => this.GetPrimaryKeyString();
    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _log.LoadAsync();
        // Events stored just before a crash that kept the room state from being written: never reuse their seqs.
        if (_log.LastSeq > S.Seq) S.Seq = _log.LastSeq;
        // A silo that died between storing events and sending their frame took that frame with it:
        // send the newest stored events again (clients skip seqs they already have).
        if (_log.After(Math.Max(0, S.Seq - TailResent), S.Seq) is { Length: > 0 } tail) _publisher.PublishRoom(RoomId, tail);
        // Watch time lives with the presence it comes from; after a move, counting resumes as hosts report.
        if (_stage.State.Active.ContainsKey(StageSlot.Giveaway)) _tally.Watch.Mark(Now);
        this.RegisterGrainTimer(HousekeepingAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromSeconds(1),
            Period = TimeSpan.FromSeconds(1),
            Interleave = true,
        });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _commentGuard.Dispose();
        return Task.CompletedTask;
    }

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
        S.Room = room;
        await Commit();
        return room;
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
        };
        if (S.Products.Any(p => p.ProductId == product.ProductId))
            throw LiveCommerceException.Conflict($"product '{product.ProductId}' is already in the room");
        S.Products.Add(product);
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

    private async Task ChangeStatus(string status)
    {
        S.Room = S.Room! with { Status = status };
        AppendLog(EventTypes.RoomStatus, new RoomStatusData { Status = status });
        await Commit();
        await RefreshDirectoryAsync(force: true);
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
        var events = EventsAfter(lastSeq);
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

    private Room RequireModerator(Caller caller)
    {
        RequireUser(caller);
        var room = RequireRoom();
        if (caller.UserId != room.HostId && caller.Role != Roles.Moderator)
            throw LiveCommerceException.Forbidden("only the room's host or a moderator can do that");
        return room;
    }

    private Room RequireLive()
    {
        var room = RequireRoom();
        if (room.Status != RoomStatus.Live) throw LiveCommerceException.RoomNotLive($"the room is {room.Status}, not live");
        return room;
    }
}

using LiveCommerce.Auctions;
using LiveCommerce.Commerce;
using LiveCommerce.Errors;
using LiveCommerce.Giveaways;
using LiveCommerce.Identity;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Rooms;

// The auctions and giveaways the room runs (their rules live in AuctionGrain and GiveawayGrain): one
// active of each, their log events sequenced here, their views for the snapshot, watch time for
// giveaway entry, keyword comments forwarded, and the units they take from the room's products.
public sealed partial class LiveRoomGrain : IRoomStage
{
    private const int EndedShown = 5;
    // A slot taken by an opening that never reported its start (its grain failed) frees itself.
    private static readonly TimeSpan StaleOpening = TimeSpan.FromSeconds(60);
    private readonly IPersistentState<StageState> _stage;
    private bool _stageDirty;

    private StageState Stage => _stage.State;

    public async Task<StageTicket> OpenSlot(Caller caller, StageSlot slot, string mechanicId, string? keyword)
    {
        var room = RequireHost(caller);
        RequireLive();
        if (Stage.Active.TryGetValue(slot, out var active) && active != mechanicId && !IsStaleOpening(slot, active))
            throw LiveCommerceException.Conflict($"{(slot == StageSlot.Auction ? "an auction" : "a giveaway")} is already running in this room ('{active}')");
        Stage.Active[slot] = mechanicId;
        Stage.OpenedAt[slot] = Now;
        if (slot == StageSlot.Giveaway)
        {
            Stage.GiveawayKeyword = keyword;
            _tally.Watch.Mark(Now);
        }
        await Commit(room: false, stage: true);
        return new StageTicket(room.HostId, room.SellRegions);
    }

    private bool IsStaleOpening(StageSlot slot, string active) =>
        !ViewIds(slot).Contains(active) && Now - Stage.OpenedAt.GetValueOrDefault(slot) > StaleOpening;

    private IEnumerable<string> ViewIds(StageSlot slot) =>
        slot == StageSlot.Auction ? Stage.Auctions.Select(a => a.AuctionId) : Stage.Giveaways.Select(g => g.GiveawayId);

    public async Task ReleaseSlot(StageSlot slot, string mechanicId)
    {
        if (!FreeSlot(slot, mechanicId)) return;
        await Commit(room: false, stage: true);
    }

    private bool FreeSlot(StageSlot slot, string mechanicId)
    {
        if (!Stage.Active.TryGetValue(slot, out var active) || active != mechanicId) return false;
        Stage.Active.Remove(slot);
        if (slot == StageSlot.Giveaway) Stage.GiveawayKeyword = null;
        return true;
    }

    public async Task Apply(StageUpdate update)
    {
        RequireRoom();
        var last = Stage.Appended.GetValueOrDefault(update.MechanicId);
        foreach (var evt in update.Events.Where(e => e.Number > last).OrderBy(e => e.Number))
        {
            AppendLog(evt.Type, evt.Data);
            last = evt.Number;
        }
        Stage.Appended[update.MechanicId] = last;
        switch (update.View)
        {
            case Auction auction:
                Show(Stage.Auctions, auction, a => a.AuctionId == auction.AuctionId, a => a.Status == AuctionStatus.Ended.ToWire());
                break;
            case Giveaway giveaway:
                Show(Stage.Giveaways, giveaway, g => g.GiveawayId == giveaway.GiveawayId, g => g.Status == GiveawayStatus.Ended.ToWire());
                break;
        }
        if (update.Ended) FreeSlot(update.Slot, update.MechanicId);
        await Commit(stage: true);
    }

    /// <summary>Replaces or adds the view, keeping the active one and the last <see cref="EndedShown"/> ended.</summary>
    private static void Show<T>(List<T> views, T view, Predicate<T> same, Func<T, bool> ended)
    {
        var index = views.FindIndex(same);
        if (index >= 0) views[index] = view;
        else views.Add(view);
        while (views.Count(ended) > EndedShown) views.Remove(views.First(ended));
    }

    public Task<TimeSpan> WatchedSince(string userId) => Task.FromResult(_tally.Watch.Of(userId, Now));

    /// <summary>A comment with the active giveaway's keyword enters its author (the giveaway checks the rest).</summary>
    private async Task ForwardKeywordAsync(Caller caller, string text)
    {
        if (!EntryRules.Matches(text, Stage.GiveawayKeyword) || !Stage.Active.TryGetValue(StageSlot.Giveaway, out var giveawayId)) return;
        try
        {
            await GrainFactory.GetGrain<IGiveawayGrain>(giveawayId).KeywordSaid(caller);
        }
        catch (Exception e)
        {
            // The comment itself is stored and answered; the author can still enter with EnterGiveaway.
            _logger.LogWarning(e, "Forwarding a keyword comment to giveaway {GiveawayId} failed", giveawayId);
        }
    }

    public async Task<Product> TakeUnits(string takerId, string productId, int quantity)
    {
        RequireRoom();
        var product = FindProduct(Validate.Id(productId, "productId"));
        if (Stage.Takes.ContainsKey(takerId)) return product;
        if (product.Stock < quantity)
            throw LiveCommerceException.Invalid($"only {product.Stock} of '{product.ProductId}' in stock, {quantity} needed");
        SetStock(product.ProductId, -quantity);
        Stage.Takes[takerId] = new UnitTake { ProductId = product.ProductId, Quantity = quantity };
        await Commit(stage: true);
        return product;
    }

    public async Task ReturnUnits(string takerId, string followUpId, int quantity)
    {
        if (!Stage.Takes.TryGetValue(takerId, out var take) || !take.Applied.Add(followUpId)) return;
        SetStock(take.ProductId, quantity);
        await Commit(stage: true);
    }

    public async Task PlaceUnits(string takerId, Order order)
    {
        if (!Stage.Takes.ContainsKey(takerId) || S.Holds.ContainsKey(order.OrderId)) return;
        // The unit left the stock when the mechanic took it: the hold (or the paid prize) only records whose it is.
        S.Holds[order.OrderId] = new StockHold { UserId = order.UserId, Lines = order.Lines, ExpiresAt = order.HoldExpiresAt, Status = order.Status };
        await Commit(stage: true);
    }
}

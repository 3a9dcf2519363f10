using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Giveaways;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// The room's stage, on its <see cref="RoomState"/>: one active auction and one active giveaway at a time
/// (a slot each), the mechanics' log events taken once each by number, and their views for snapshots
/// (the active one and the last few ended). The room grain appends the events to its log and stores.
/// </summary>
public sealed class StageSlots(Func<RoomState> state)
{
    public const int EndedMechanicsShown = 5;
    // A slot taken by an opening that never reported its start (its grain failed) frees itself.
    public static readonly TimeSpan StaleOpening = TimeSpan.FromSeconds(60);

    private RoomState S => state();

    /// <summary>Takes the slot for <paramref name="mechanicId"/> (again: idempotent); <c>conflict</c> while another holds it.</summary>
    public void Open(StageSlot slot, string mechanicId, string? keyword, DateTime now)
    {
        if (S.ActiveMechanics.TryGetValue(slot, out var active) && active != mechanicId && !IsStaleOpening(slot, active, now))
            throw LiveCommerceException.Conflict($"{(slot == StageSlot.Auction ? "an auction" : "a giveaway")} is already running in this room ('{active}')");
        S.ActiveMechanics[slot] = mechanicId;
        S.MechanicOpenedAt[slot] = now;
        if (slot == StageSlot.Giveaway) S.GiveawayKeyword = keyword;
    }

    /// <summary>An opening that never showed its mechanic within <see cref="StaleOpening"/>.</summary>
    public bool IsStaleOpening(StageSlot slot, string active, DateTime now)
    {
        var shown = slot == StageSlot.Auction ? S.Auctions.Any(a => a.AuctionId == active) : S.Giveaways.Any(g => g.GiveawayId == active);
        return !shown && now - S.MechanicOpenedAt.GetValueOrDefault(slot) > StaleOpening;
    }

    /// <summary>Frees the slot if <paramref name="mechanicId"/> holds it; false when it does not.</summary>
    public bool Free(StageSlot slot, string mechanicId)
    {
        if (!S.ActiveMechanics.TryGetValue(slot, out var active) || active != mechanicId) return false;
        S.ActiveMechanics.Remove(slot);
        if (slot == StageSlot.Giveaway) S.GiveawayKeyword = null;
        return true;
    }

    /// <summary>Hands the events not taken yet to <paramref name="append"/> in number order, shows the view, frees an ended mechanic's slot.</summary>
    public void Apply(StageUpdate update, Action<string, object> append)
    {
        var last = S.MechanicEventsAppended.GetValueOrDefault(update.MechanicId);
        foreach (var evt in update.Events.Where(e => e.Number > last).OrderBy(e => e.Number))
        {
            append(evt.Type, evt.Data);
            last = evt.Number;
        }
        S.MechanicEventsAppended[update.MechanicId] = last;
        if (update.View is Auction auction)
            Show(S.Auctions, auction, a => a.AuctionId == auction.AuctionId, a => a.Status == AuctionStatus.Ended);
        else if (update.View is Giveaway giveaway)
            Show(S.Giveaways, giveaway, g => g.GiveawayId == giveaway.GiveawayId, g => g.Status == GiveawayStatus.Ended);
        if (update.Ended) Free(update.Slot, update.MechanicId);
    }

    /// <summary>Replaces or adds the view, keeping the active one and the last few ended.</summary>
    private static void Show<T>(List<T> views, T view, Predicate<T> same, Func<T, bool> ended)
    {
        var index = views.FindIndex(same);
        if (index >= 0) views[index] = view;
        else views.Add(view);
        while (views.Count(ended) > EndedMechanicsShown) views.Remove(views.First(ended));
    }
}

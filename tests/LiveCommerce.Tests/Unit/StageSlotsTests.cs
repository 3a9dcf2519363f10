using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Tests.Unit;

/// <summary>The room's stage without a cluster: one mechanic per slot, stale openings, events taken once, views kept.</summary>
public sealed class StageSlotsTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private readonly RoomState _state = new();
    private readonly StageSlots _slots;

    private static Auction View(string id, AuctionStatus status) => new()
    {
        AuctionId = id, ProductId = "p", Currency = "USD", StartingBid = 1m, Bids = 0, MinNextBid = 1m, EndsAt = T0, CounterBidSeconds = 10, SuddenDeath = false, Status = status,
    };

    public StageSlotsTests() => _slots = new StageSlots(() => _state);

    [Fact]
    public void One_mechanic_per_slot_until_freed_or_its_opening_goes_stale()
    {
        _slots.Open(StageSlot.Giveaway, "g1", "want", T0);
        _slots.Open(StageSlot.Giveaway, "g1", "want", T0); // again: idempotent
        _slots.Open(StageSlot.Auction, "a1", null, T0); // the other slot is free
        Assert.Equal("want", _state.GiveawayKeyword);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<LiveCommerceException>(() => _slots.Open(StageSlot.Giveaway, "g2", null, T0.AddSeconds(30))).Code);

        // g1 never showed itself: after a minute its slot is taken over.
        Assert.True(_slots.IsStaleOpening(StageSlot.Giveaway, "g1", T0.Add(StageSlots.StaleOpening).AddSeconds(1)));
        _slots.Open(StageSlot.Giveaway, "g2", null, T0.AddMinutes(2));
        Assert.False(_slots.Free(StageSlot.Giveaway, "g1"));
        Assert.True(_slots.Free(StageSlot.Giveaway, "g2"));
        Assert.Null(_state.GiveawayKeyword);
    }

    [Fact]
    public void A_resent_batch_appends_nothing_twice_and_an_ended_mechanic_frees_its_slot()
    {
        _slots.Open(StageSlot.Auction, "a1", null, T0);
        var appended = new List<string>();
        var view = View("a1", AuctionStatus.Active);
        StageEvent[] events = [new(1, "auctionStarted", "s"), new(2, "bidPlaced", "b")];
        _slots.Apply(new StageUpdate(StageSlot.Auction, "a1", events, view, Ended: false), (type, _) => appended.Add(type));
        _slots.Apply(new StageUpdate(StageSlot.Auction, "a1", [.. events, new(3, "auctionEnded", "e")], view with { Status = AuctionStatus.Ended }, Ended: true), (type, _) => appended.Add(type));

        Assert.Equal(["auctionStarted", "bidPlaced", "auctionEnded"], appended);
        Assert.Equal(AuctionStatus.Ended, Assert.Single(_state.Auctions).Status);
        Assert.Empty(_state.ActiveMechanics);
    }

    [Fact]
    public void Snapshots_keep_the_last_few_ended_mechanics()
    {
        for (var i = 0; i < StageSlots.EndedMechanicsShown + 3; i++)
            _slots.Apply(new StageUpdate(StageSlot.Auction, $"a{i}", [], View($"a{i}", AuctionStatus.Ended), Ended: true), (_, _) => { });
        Assert.Equal(Enumerable.Range(3, StageSlots.EndedMechanicsShown).Select(i => $"a{i}"), _state.Auctions.Select(a => a.AuctionId));
    }
}

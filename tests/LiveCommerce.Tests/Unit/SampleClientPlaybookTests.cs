using System.Text.Json;
using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Social;

namespace LiveCommerce.Tests.Unit;

/// <summary>The sample client's playbook commands (auction, giveaway, coupon specs) and how it prints their events.</summary>
public sealed class SampleClientPlaybookTests
{
    private static readonly DateTime At = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>As the JSON protocol hands <c>data</c> over: a JsonElement, read through the wire names.</summary>
    private static object Wire(object data) => JsonSerializer.SerializeToElement(data, data.GetType(), EventData.JsonOptions);

    [Fact]
    public void Auction_spec_takes_the_protocols_fields_and_defaults()
    {
        var plain = AuctionSpec.Create(["p1", "10.5", "60"]);
        Assert.Equal(("p1", 10.5m, 60, (int?)null, (bool?)null), (plain.ProductId, plain.StartingBid, plain.DurationSeconds, plain.CounterBidSeconds, plain.SuddenDeath));
        var full = AuctionSpec.Create(["p1", "10", "30", "counter=15", "sudden"]);
        Assert.Equal((15, true), (full.CounterBidSeconds, full.SuddenDeath));
        Assert.Throws<FormatException>(() => AuctionSpec.Create(["p1", "10"]));
        Assert.Throws<FormatException>(() => AuctionSpec.Create(["p1", "10", "30", "later"]));
        Assert.Throws<FormatException>(() => AuctionSpec.Create(["p1", "ten", "30"]));
        Assert.Throws<FormatException>(() => AuctionSpec.Create(["p1", "10", "30", "clock=5"]));
    }

    [Fact]
    public void Giveaway_spec_keeps_the_prize_text_and_the_entry_tasks()
    {
        var g = GiveawaySpec.Create(["3", "120", "keyword=win", "watch=30", "product=p2", "A", "signed", "mug"]);
        Assert.Equal((3, 120, "A signed mug", "win", (int?)30, "p2"), (g.Winners, g.DurationSeconds, g.Prize, g.Keyword, g.MinWatchSeconds, g.ProductId));
        var bare = GiveawaySpec.Create(["1", "60", "Sticker"]);
        Assert.Null(bare.Keyword);
        Assert.Null(bare.MinWatchSeconds);
        Assert.Throws<FormatException>(() => GiveawaySpec.Create(["1", "60"]));
    }

    [Fact]
    public void Coupon_spec_reads_type_value_quota_window_and_options()
    {
        var c = CouponSpec.Create(["percent", "15", "100", "120", "minSpend=20", "perUser=2", "valid=3600", "products=p1,p2"]);
        Assert.Equal((DiscountType.Percent, 15m, 100, 120, (decimal?)20m, (int?)2, (int?)3600), (c.DiscountType!.Value, c.DiscountValue, c.Quota, c.ClaimSeconds, c.MinSpend, c.PerUserLimit, c.ValidSeconds));
        Assert.Equal(["p1", "p2"], c.ProductIds!);
        var amount = CouponSpec.Create(["amount", "2", "50", "60"]);
        Assert.Equal(DiscountType.Amount, amount.DiscountType);
        Assert.Null(amount.ProductIds);
        Assert.Throws<FormatException>(() => CouponSpec.Create(["half", "2", "50", "60"]));
        Assert.Throws<FormatException>(() => CouponSpec.Create(["amount", "2", "50"]));
    }

    [Fact]
    public void Flash_sale_spec_takes_an_optional_pre_heat()
    {
        Assert.Null(FlashSaleSpec.Parse("p1:5:10:1:60").StartsInSeconds);
        Assert.Equal(30, FlashSaleSpec.Parse("p1:5:10:1:60:30").StartsInSeconds);
        Assert.Throws<FormatException>(() => FlashSaleSpec.Parse("p1:5:10:1:60:30:9"));
    }

    [Fact]
    public void Auction_events_print_readably()
    {
        Assert.Equal("auction a1: A***n leads at 12.00 (4 bid(s)), ends " + Formats.Time(At),
            EventPrinter.Describe(AuctionEventTypes.BidPlaced, Wire(new BidPlacedData { AuctionId = "a1", BidderId = "u1", Name = "A***n", CurrentBid = 12, EndsAt = At, Bids = 4 })));
        Assert.Equal("auction a1 SOLD to Ann (u1) for 15.00, order o1",
            EventPrinter.Describe(AuctionEventTypes.AuctionEnded, Wire(new AuctionEndedData { AuctionId = "a1", Reason = AuctionEndReason.Sold, WinnerId = "u1", Name = "Ann", Amount = 15, OrderId = "o1" })));
        Assert.Equal("auction a1 ended: noBids",
            EventPrinter.Describe(AuctionEventTypes.AuctionEnded, new AuctionEndedData { AuctionId = "a1", Reason = AuctionEndReason.NoBids }));
        Assert.Equal("auction a1: you were outbid, price now 20.00; bid at least 21.00 to lead",
            EventPrinter.Describe(AuctionEventTypes.Outbid, Wire(new OutbidData { AuctionId = "a1", CurrentBid = 20, MinNextBid = 21 })));
        var order = new Order
        {
            OrderId = "o1", UserId = "u1", RoomId = "r1", Lines = [], Total = 15, Currency = "USD", Status = OrderStatus.PendingPayment,
            CreatedAt = At, HoldExpiresAt = At.AddMinutes(5),
        };
        Assert.StartsWith("auction a1: you won! order o1 pendingPayment: 15.00 USD",
            EventPrinter.Describe(AuctionEventTypes.AuctionWon, Wire(new AuctionWonData { AuctionId = "a1", Order = order })));
    }

    [Fact]
    public void Giveaway_coupon_and_social_events_print_readably()
    {
        Assert.Equal("giveaway g1 drawn from 7 entrant(s): Ann (u1), Bo (u2); seed ab12 (check it against the seedHash and the entrant list)",
            EventPrinter.Describe(GiveawayEventTypes.GiveawayEnded, Wire(new GiveawayEndedData
            {
                GiveawayId = "g1", Entrants = 7, Winners = [new GiveawayWinner { UserId = "u1", Name = "Ann" }, new GiveawayWinner { UserId = "u2", Name = "Bo" }], Seed = "ab12",
            })));
        Assert.Equal("giveaway g1: 7 entrant(s)", EventPrinter.Describe(GiveawayEventTypes.GiveawayEntrants, Wire(new GiveawayEntrantsData { GiveawayId = "g1", Count = 7 })));
        Assert.Equal("giveaway g1: you won \"Mug\"!", EventPrinter.Describe(GiveawayEventTypes.GiveawayWon, Wire(new GiveawayWonData { GiveawayId = "g1", Prize = "Mug" })));
        Assert.Equal($"coupon c1 active: 10% off on 20.00+, 3/5 left, max 1/user, claim before {Formats.Time(At)}",
            EventPrinter.Describe(EventTypes.CouponDropped, Wire(new CouponDroppedData
            {
                Coupon = new CouponDrop
                {
                    CouponId = "c1", DiscountType = DiscountType.Percent, DiscountValue = 10, MinSpend = 20, Quota = 5, Remaining = 3, PerUserLimit = 1,
                    ClaimEndsAt = At, ProductIds = [], Status = CouponDropStatus.Active, ValidSeconds = 60,
                },
            })));
        Assert.Equal("coupon c1: 2 left", EventPrinter.Describe(EventTypes.CouponStock, Wire(new CouponStockData { CouponId = "c1", Remaining = 2 })));
        Assert.Equal("coupon c1: claiming over, 5 claimed", EventPrinter.Describe(EventTypes.CouponEnded, Wire(new CouponEndedData { CouponId = "c1", Claimed = 5 })));
        Assert.Equal("A***n is buying p1 x2; 3 order(s) in the last minute",
            EventPrinter.Describe(EventTypes.Buying, Wire(new BuyingData { Recent = [new BuyingEntry { Name = "A***n", ProductId = "p1", Quantity = 2, At = At }], LastMinute = 3 })));
        Assert.Equal("comment c9: p1 x1 → reserved, order o7",
            EventPrinter.Describe(EventTypes.CommentToBuy, Wire(new CommentToBuyData { CommentId = "c9", ProductId = "p1", Quantity = 1, Result = CommentToBuyResult.Reserved, OrderId = "o7" })));
        Assert.Equal("sale s1 is OPEN: buy now", EventPrinter.Describe(EventTypes.FlashSaleOpened, Wire(new FlashSaleOpenedData { SaleId = "s1" })));
    }

    [Fact]
    public void Latest_follows_the_running_auction_giveaway_and_coupon()
    {
        var stage = new StageBook();
        RoomEvent Log(string type, object data) => new() { Seq = 1, Type = type, At = At, Data = Wire(data) };
        Assert.Throws<ArgumentException>(() => stage.Auctions.Resolve("latest"));
        var auction = new Auction
        {
            AuctionId = "a1", ProductId = "p1", Currency = "USD", StartingBid = 10, Bids = 0, MinNextBid = 10, EndsAt = At,
            CounterBidSeconds = 10, SuddenDeath = false, Status = AuctionStatus.Active,
        };
        stage.Observe(Log(AuctionEventTypes.AuctionStarted, new AuctionStartedData { Auction = auction }));
        Assert.Equal("a1", stage.Auctions.Resolve("latest"));
        Assert.Equal("other", stage.Auctions.Resolve("other"));
        stage.Observe(Log(AuctionEventTypes.AuctionEnded, new AuctionEndedData { AuctionId = "a1", Reason = AuctionEndReason.NoBids }));
        Assert.Null(stage.Auctions.Newest);
        stage.Observe(Log(EventTypes.CouponDropped, new CouponDroppedData
        {
            Coupon = new CouponDrop
            {
                CouponId = "c1", DiscountType = DiscountType.Amount, DiscountValue = 1, MinSpend = 0, Quota = 1, Remaining = 1, PerUserLimit = 1,
                ClaimEndsAt = At, ProductIds = [], Status = CouponDropStatus.Active, ValidSeconds = 60,
            },
        }));
        Assert.Equal("c1", stage.Coupons.Resolve("LATEST"));
    }
}

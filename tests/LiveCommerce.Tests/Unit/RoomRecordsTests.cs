using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;

namespace LiveCommerce.Tests.Unit;

/// <summary>The room's small records without a cluster: its sales as snapshots show them, host requests, audience figures, window comments.</summary>
public sealed class RoomRecordsTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static FlashSale Sale(string id, FlashSaleStatus status) => new()
    {
        SaleId = id, ProductId = "p", Price = 1m, Quantity = 10, Remaining = 10, PerUserLimit = 1, EndsAt = T0, Status = status,
    };

    [Fact]
    public void A_sale_opens_from_upcoming_shows_progress_while_active_and_ends_once()
    {
        List<FlashSale> sales = [Sale("s1", FlashSaleStatus.Upcoming)];
        Assert.False(RoomSales.Progress(sales, "s1", 5)); // not active yet
        Assert.True(RoomSales.Open(sales, "s1"));
        Assert.False(RoomSales.Open(sales, "s1"));
        Assert.True(RoomSales.Progress(sales, "s1", 5));
        Assert.True(RoomSales.End(sales, "s1"));
        Assert.False(RoomSales.End(sales, "s1"));
        Assert.False(RoomSales.End(sales, "unknown"));
        Assert.Equal((FlashSaleStatus.Ended, 0), (sales[0].Status, sales[0].Remaining));
    }

    [Fact]
    public void Host_requests_are_checked_whole()
    {
        var request = new FlashSaleRequest { ProductId = "p", Price = 9m, Quantity = 5, PerUserLimit = 1, DurationSeconds = 60 };
        Assert.Equal(new SaleRequest("p", 9m, 5, 1, 60, 0), SaleRequest.From(request));
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => SaleRequest.From(request with { StartsInSeconds = 5 })).Code);

        var voucher = new AddProductRequest { ProductId = "v", Name = "Spa day", Price = 50m, Currency = "usd", Stock = 3, Kind = ProductKind.Voucher, ValidDays = 30, RedeemAt = "Main St" };
        var product = NewProduct.From(voucher, "host");
        Assert.Equal(("host", "USD", 30), (product.SellerId, product.Currency, product.ValidDays));
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => NewProduct.From(voucher with { ValidDays = null }, "host")).Code);
    }

    [Fact]
    public void Audience_figures_count_each_user_once_and_guests_per_join()
    {
        var audience = new AudienceState();
        Assert.True(audience.Record(new PresenceReport("h1", Guid.Empty, Full: true, ["ann"], [], ["ann", "bob"], GuestsNow: 1, GuestJoins: 1), current: 3));
        Assert.False(audience.Record(new PresenceReport("h1", Guid.Empty, Full: false, [], [], ["ann"], GuestsNow: 1, GuestJoins: 0), current: 2));
        Assert.Equal((2, 1L, 3), (audience.DistinctUsers.Count, audience.GuestViews, audience.Peak));
    }

    [Fact]
    public void Only_a_live_room_lists_viewers_and_the_conversion_rate_counts_paying_buyers_per_view()
    {
        var room = new Room { RoomId = "r", Title = "Show", HostId = "h", Status = RoomStatus.Scheduled, SellRegions = [], CreatedAt = T0 };
        Assert.Equal(0, RoomViews.Listing(room, viewers: 7).Viewers);
        Assert.Equal(7, RoomViews.Listing(room with { Status = RoomStatus.Live }, viewers: 7).Viewers);

        var audience = new AudienceState { DistinctUsers = ["a", "b", "c"], GuestViews = 1, Peak = 3 };
        var counts = RoomViews.Counts(audience, current: 2);
        Assert.Equal((2, 3, 4L), (counts.Current, counts.Peak, counts.TotalViews));
        Assert.Equal(0, RoomViews.Stats(new RoomState(), RoomViews.Counts(new AudienceState(), 0), new ShelfFigures(0, 0, 0, 0m, 0)).ConversionRate);
    }

    [Fact]
    public void Window_comments_are_found_by_id_unless_deleted()
    {
        RoomEvent Logged(long seq, object data) => new() { Seq = seq, Type = "x", At = T0, Data = data };
        RoomEvent[] window =
        [
            Logged(1, new CommentData { CommentId = "c1", UserId = "u", Name = "U", Text = "one" }),
            Logged(2, new CommentData { CommentId = "c2", UserId = "u", Name = "U", Text = "two" }),
            Logged(3, new CommentDeletedData { CommentId = "c1" }),
        ];
        Assert.Equal(["c2"], LogQueries.WindowComments(window, ["c1", "c2", "c2", "c9"]).Select(c => c.CommentId));
        Assert.Throws<LiveCommerceException>(() => LogQueries.WindowComments(window, null));
    }
}

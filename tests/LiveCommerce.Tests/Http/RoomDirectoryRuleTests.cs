using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.Tests.Http;

/// <summary>The v1.1 room fields and the directory's filters and orders, without a server.</summary>
public sealed class RoomDirectoryRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static RoomListing Listing(string id, RoomStatus status, int viewers = 0, string host = "h1", DateTime? scheduledAt = null, DateTime? endedAt = null) => new()
    {
        RoomId = id, Title = id, HostId = host, Viewers = viewers, Status = status, ScheduledAt = scheduledAt, CreatedAt = Now, EndedAt = endedAt,
    };

    private static readonly RoomListing[] Rooms =
    [
        Listing("l1", RoomStatus.Live, viewers: 5),
        Listing("l2", RoomStatus.Live, viewers: 50, host: "h2"),
        Listing("l3", RoomStatus.Live, viewers: 20),
        Listing("s1", RoomStatus.Scheduled, scheduledAt: Now.AddHours(3)),
        Listing("s2", RoomStatus.Scheduled, scheduledAt: Now.AddHours(1)),
        Listing("e1", RoomStatus.Ended, endedAt: Now.AddMinutes(-30)),
        Listing("e2", RoomStatus.Ended, endedAt: Now.AddMinutes(-5), host: "h2"),
    ];

    private static string[] Ids(RoomQuery query) => query.Apply(Rooms).Select(l => l.RoomId).ToArray();

    [Fact]
    public void The_default_lists_live_rooms_by_most_viewers() =>
        Assert.Equal(["l2", "l3", "l1"], Ids(RoomQuery.Parse(null, null, null)));

    [Fact]
    public void Scheduled_rooms_come_soonest_first_and_ended_newest_first()
    {
        Assert.Equal(["s2", "s1"], Ids(RoomQuery.Parse("scheduled", null, null)));
        Assert.Equal(["e2", "e1"], Ids(RoomQuery.Parse("ended", null, null)));
    }

    [Fact]
    public void HostId_and_limit_filter()
    {
        Assert.Equal(["l3", "l1"], Ids(RoomQuery.Parse("live", "h1", null)));
        Assert.Equal(["l2"], Ids(RoomQuery.Parse("live", null, "1")));
        Assert.Equal(["e2"], Ids(RoomQuery.Parse("ended", "h2", "200")));
        Assert.Equal(RoomQuery.DefaultLimit, RoomQuery.Parse(null, null, "").Limit);
    }

    [Theory]
    [InlineData("paused", null, null)]
    [InlineData("LIVE", null, null)]
    [InlineData(null, "bad id", null)]
    [InlineData(null, null, "0")]
    [InlineData(null, null, "201")]
    [InlineData(null, null, "-1")]
    [InlineData(null, null, "ten")]
    public void Bad_queries_are_invalid_arguments(string? status, string? hostId, string? limit) =>
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => RoomQuery.Parse(status, hostId, limit)).Code);

    [Fact]
    public void The_v11_room_fields_are_checked()
    {
        var room = new Room { RoomId = "r", Title = "t", HostId = "h", Status = RoomStatus.Scheduled, SellRegions = [], CreatedAt = Now };
        var request = new CreateRoomRequest
        {
            Title = "t", StreamUrl = "https://cdn.example/live/r.m3u8", CoverImageUrl = "http://img.example/c.jpg",
            ScheduledAt = DateTime.SpecifyKind(Now.AddHours(2), DateTimeKind.Unspecified), BuyKeyword = "sold",
        };
        var applied = RoomDetails.Apply(room, request, Now);
        Assert.Equal("https://cdn.example/live/r.m3u8", applied.StreamUrl);
        Assert.Equal(DateTimeKind.Utc, applied.ScheduledAt!.Value.Kind);
        Assert.Equal(Now.AddHours(2), applied.ScheduledAt);
        Assert.Equal("sold", applied.BuyKeyword);
        Assert.Null(RoomDetails.Apply(room, new CreateRoomRequest { Title = "t" }, Now).BuyKeyword);

        foreach (var bad in new[]
        {
            request with { StreamUrl = "ftp://x/y" }, request with { StreamUrl = "/relative" }, request with { CoverImageUrl = "" },
            request with { ScheduledAt = Now.AddMinutes(-1) }, request with { ScheduledAt = Now.AddYears(2) },
            request with { BuyKeyword = "" }, request with { BuyKeyword = "sold it" }, request with { BuyKeyword = "buy1" },
            request with { BuyKeyword = new string('a', 17) },
        })
            Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => RoomDetails.Apply(room, bad, Now)).Code);
    }
}

using System.Text.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using Xunit.Abstractions;

namespace LiveCommerce.Tests.Limits;

/// <summary>
/// What the per-room quotas mean for the snapshot sent on every join: a room at its default caps (every
/// product and every sale it may have, 50 comments), measured as JSON. docs/security.md quotes the figures.
/// </summary>
public sealed class SnapshotBoundTests(ITestOutputHelper output)
{
    private static readonly RoomOptions Defaults = new();

    [Theory]
    [InlineData("typical", 12, 60, 90, 150_000, 250_000)]
    [InlineData("every field at its longest", 64, 200, 2_048, 1_200_000, 1_500_000)]
    public void At_the_default_caps_the_snapshot_is_bounded(string shape, int idLength, int nameLength, int urlLength, int atLeast, int atMost)
    {
        var now = DateTime.UtcNow;
        var snapshot = new RoomSnapshot
        {
            Room = new Room { RoomId = new string('r', 64), Title = new string('T', 200), HostId = new string('h', 64), Status = RoomStatus.Live, SellRegions = ["US", "GB"], CreatedAt = now },
            Seq = 123_456,
            Viewers = new ViewerCounts { Current = 50_000, Peak = 60_000, TotalViews = 250_000 },
            Likes = 9_999_999,
            Products = [.. Enumerable.Range(0, Defaults.ProductsPerRoom).Select(i => new Product
            {
                ProductId = $"p{i:D4}".PadRight(idLength, 'x'), Name = new string('N', nameLength), Price = 99_999.99m, Currency = "USD", Stock = 1_000_000,
                ImageUrl = ("https://img.example.com/" + new string('i', urlLength))[..urlLength], SellerId = new string('s', idLength), CommissionRate = 0.15m,
            })],
            FlashSales = [.. Enumerable.Range(0, Defaults.FlashSalesPerRoom).Select(i => new FlashSale
            {
                SaleId = $"{new string('r', idLength)}.s{i}", ProductId = $"p{i:D4}".PadRight(idLength, 'x'), Price = 99_999.99m, Quantity = 1_000_000,
                Remaining = 999_999, PerUserLimit = 5, EndsAt = now, StartsAt = now, Status = FlashSaleStatus.Ended,
            })],
            RecentComments = [.. Enumerable.Range(0, 50).Select(i => new CommentData { CommentId = $"c{i}", UserId = new string('u', 64), Name = new string('n', 64), Text = new string('t', 300) })],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot, new JsonSerializerOptions(JsonSerializerDefaults.Web)).Length;
        output.WriteLine($"{shape}: {bytes:N0} bytes");
        Assert.InRange(bytes, atLeast, atMost);
    }
}

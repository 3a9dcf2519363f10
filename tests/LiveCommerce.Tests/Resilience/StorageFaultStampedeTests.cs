using System.Collections.Concurrent;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Resilience;

/// <summary>
/// Issue #9 fault injection: a 1,000-buyer flash-sale stampede and a 1,000-user coupon claim stampede while
/// the grain storage fails a share of writes (before or after storing). Buyers retry with the same
/// idempotency key, as clients do. After recovery every acknowledged reservation and claim exists, the
/// books balance (sold + held + left = put up on the shelf, claims ≤ quota), and nothing acknowledged is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StorageFaultStampedeTests(ClusterFixture fixture)
{
    private const int Crowd = 1_000;
    private const int Units = 300;
    private const int Stock = 500;
    private const double FailedWrites = 0.1;
    private const int Attempts = 40;
    private static readonly Caller Host = Caller.User("fault-host", Roles.Host, "Host");

    private async Task<string> LiveRoomAsync()
    {
        var roomId = "ft" + Guid.NewGuid().ToString("N")[..10];
        var room = fixture.Grains.GetGrain<ILiveRoomGrain>(roomId);
        await room.Create(Host, new CreateRoomRequest { Title = "Faults" });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p1", Name = "One", Price = 5m, Currency = "USD", Stock = Stock });
        await room.Start(Host);
        return roomId;
    }

    /// <summary>Every user of the crowd calls until answered (a failed call is retried as is), all at once.</summary>
    private static async Task<ConcurrentDictionary<string, T>> StampedeAsync<T>(string prefix, Func<Caller, Task<T>> call, bool ambiguous = true)
    {
        var answers = new ConcurrentDictionary<string, T>();
        using (FlakyGrainStorage.Fail(FailedWrites, ambiguous))
        {
            await Task.WhenAll(Enumerable.Range(0, Crowd).Select(async i =>
            {
                var user = $"{prefix}{i}";
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        answers[user] = await call(Caller.User(user));
                        return;
                    }
                    catch (Exception e) when (attempt < Attempts && e is not LiveCommerceException)
                    {
                        // Retried at once, as is: the storage's faults are drawn per write, not per moment.
                    }
                }
            }));
            Assert.True(FlakyGrainStorage.Failures > 10, $"only {FlakyGrainStorage.Failures} writes failed: the stampede did not meet the faults");
        }
        Assert.Equal(Crowd, answers.Count);
        return answers;
    }

    /// <summary>Moves the clock a second at a time (outboxes retry on it), at most two minutes of it, until the condition holds.</summary>
    private static Task<T> Settles<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        Eventually.OnClockAsync(ClusterFixture.Time, probe, done, what, maxSteps: 120);

    [Fact]
    public async Task A_flash_sale_stampede_on_failing_storage_keeps_every_acknowledged_reservation_and_the_books()
    {
        var roomId = await LiveRoomAsync();
        var started = await fixture.Grains.GetGrain<ILiveRoomGrain>(roomId).StartFlashSale(Host, new FlashSaleRequest
        {
            ProductId = "p1", Price = 4m, Quantity = Units, PerUserLimit = 1, DurationSeconds = 3_600,
        });
        var sale = fixture.Grains.GetGrain<IFlashSaleGrain>(started.SaleId);

        var answers = await StampedeAsync("fb", buyer => sale.Buy(buyer, 1, "stampede-" + buyer.UserId));

        var reserved = answers.Where(a => a.Value.Status == PurchaseStatus.Reserved).ToDictionary(a => a.Key, a => a.Value.OrderId!);
        Assert.Equal(Units, reserved.Count);
        Assert.All(answers.Values, a => Assert.Contains(a.Status, new[] { PurchaseStatus.Reserved, PurchaseStatus.SoldOut }));
        var audit = await Settles(sale.Audit, a => a.FollowUpsPending == 0, "the sale's follow-ups");
        Assert.True(audit.Balances, $"sale books: {audit}");
        Assert.Equal((0, Units, 0), (audit.Sold, audit.Held, audit.Remaining));
        Assert.Equal(reserved.Keys.Order(), audit.UnitsPerUser.Where(u => u.Value > 0).Select(u => u.Key).Order());
        Assert.All(audit.UnitsPerUser.Values, units => Assert.True(units <= 1));

        // Each acknowledged reservation is an order of its buyer, and asking again gives the same one.
        foreach (var (user, orderId) in reserved)
        {
            var order = await Settles(() => TryGetOrder(orderId, user), o => o is not null, $"order {orderId} of {user}");
            Assert.Equal((user, OrderStatus.PendingPayment), (order!.UserId, order.Status));
            Assert.Equal(orderId, (await sale.Buy(Caller.User(user), 1, "stampede-" + user)).OrderId);
        }
        var shelf = await fixture.Grains.GetGrain<IShelfGrain>(roomId).Audit();
        var p1 = shelf.Of("p1");
        Assert.Equal(Stock, p1.Sold + p1.Held + p1.Left);
        Assert.Equal((0, Units, Stock - Units), (p1.Sold, p1.Held, p1.Left));
    }

    private async Task<Order?> TryGetOrder(string orderId, string userId)
    {
        try
        {
            return await fixture.Grains.GetGrain<IOrderGrain>(orderId).Get(Caller.User(userId));
        }
        catch (LiveCommerceException e) when (e.Code == ErrorCodes.NotFound)
        {
            return null;
        }
    }

    [Fact]
    public async Task A_coupon_claim_stampede_on_failing_storage_keeps_every_acknowledged_claim_within_the_quota()
    {
        var roomId = await LiveRoomAsync();
        var coupons = fixture.Grains.GetGrain<ICouponDropGrain>(roomId);
        var drop = await coupons.Drop(Host, new DropCouponRequest
        {
            DiscountType = DiscountType.Percent, DiscountValue = 10, Quota = Units, ClaimSeconds = 1_200, ProductIds = [],
        });

        var answers = await StampedeAsync("fc", claimer => coupons.Claim(claimer, drop.CouponId));

        // A retry after a write that was stored but reported failed answers alreadyClaimed: acknowledged too.
        var holders = answers.Where(a => a.Value.Status is ClaimStatus.Claimed or ClaimStatus.AlreadyClaimed).Select(a => a.Key).ToList();
        Assert.Equal(Units, holders.Count);
        Assert.All(answers.Values, a => Assert.Contains(a.Status, new[] { ClaimStatus.Claimed, ClaimStatus.AlreadyClaimed, ClaimStatus.SoldOut }));

        // Every holder's wallet has exactly one (delivered by the drop's outbox, retried through the faults); nobody else's.
        foreach (var user in holders)
        {
            var wallet = await Settles(() => fixture.Grains.GetGrain<IBuyerGrain>(user).GetCoupons(Caller.User(user)),
                w => w.Any(c => c.CouponId == drop.CouponId), $"the coupon in {user}'s wallet");
            Assert.Single(wallet, c => c.CouponId == drop.CouponId);
        }
        var inWallets = 0;
        foreach (var user in answers.Keys)
            inWallets += (await fixture.Grains.GetGrain<IBuyerGrain>(user).GetCoupons(Caller.User(user))).Count(c => c.CouponId == drop.CouponId);
        Assert.Equal(Units, inWallets);
        var board = Assert.Single(await coupons.Board(), d => d.CouponId == drop.CouponId);
        Assert.True(board.Remaining == 0, $"the drop's board says {board.Remaining} left of {Units} after {holders.Count} acknowledged claims ({FlakyGrainStorage.Failures} failed writes)");
    }
}

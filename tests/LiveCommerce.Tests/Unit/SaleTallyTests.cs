using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Grains.Commerce;

namespace LiveCommerce.Tests.Unit;

/// <summary>The sale's in-memory tally answers what a scan of its reservations would, after every kind of change.</summary>
public sealed class SaleTallyTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc);
    private readonly Dictionary<string, Reservation> _reservations = [];
    private readonly SaleTally _tally;

    public SaleTallyTests() => _tally = new SaleTally(() => _reservations);

    private Reservation Reserve(string orderId, string userId, int quantity, DateTime expiresAt)
    {
        var reservation = new Reservation
        {
            UserId = userId, Quantity = quantity, ExpiresAt = expiresAt, Status = OrderStatus.PendingPayment,
            IdempotencyKey = $"{userId}\n{orderId}", CreatedAt = T0,
        };
        _reservations[orderId] = reservation;
        _tally.Reserved(reservation);
        return reservation;
    }

    private int Scanned(string userId) => _reservations.Values
        .Where(r => r.UserId == userId && r.Status is OrderStatus.PendingPayment or OrderStatus.Paid).Sum(r => r.Quantity);

    [Fact]
    public void Units_per_buyer_follow_reservations_payments_releases_and_compaction()
    {
        Reserve("o1", "ann", 2, T0.AddMinutes(5));
        Assert.Equal(2, _tally.UnitsOf("ann"));
        // Known now: later reservations are counted without a scan.
        Reserve("o2", "ann", 1, T0.AddMinutes(5));
        var bob = Reserve("o3", "bob", 1, T0.AddMinutes(5));
        Assert.Equal((3, 1, 0), (_tally.UnitsOf("ann"), _tally.UnitsOf("bob"), _tally.UnitsOf("cy")));

        _reservations["o1"].Status = OrderStatus.Paid;
        Assert.Equal(Scanned("ann"), _tally.UnitsOf("ann"));

        bob.Status = OrderStatus.Cancelled;
        _tally.Changed();
        Assert.Equal((0, Scanned("ann")), (_tally.UnitsOf("bob"), _tally.UnitsOf("ann")));

        _reservations.Remove("o1");
        _tally.Changed();
        Reserve("o4", "bob", 2, T0.AddMinutes(5));
        Assert.Equal((1, 2), (_tally.UnitsOf("ann"), _tally.UnitsOf("bob")));
    }

    [Fact]
    public void Holds_are_looked_at_only_once_the_earliest_can_have_run_out()
    {
        Assert.True(_tally.MayHaveDueHolds(T0));
        Reserve("o1", "ann", 1, T0.AddMinutes(5));
        _tally.Looked(T0.AddMinutes(5));
        Assert.False(_tally.MayHaveDueHolds(T0.AddMinutes(4)));
        // An earlier hold brings the next look forward.
        Reserve("o2", "bob", 1, T0.AddMinutes(2));
        Assert.False(_tally.MayHaveDueHolds(T0.AddMinutes(1)));
        Assert.True(_tally.MayHaveDueHolds(T0.AddMinutes(2)));
        _tally.Looked(null);
        Assert.False(_tally.MayHaveDueHolds(DateTime.MaxValue.AddDays(-1)));
        Reserve("o3", "cy", 1, T0.AddMinutes(9));
        Assert.True(_tally.MayHaveDueHolds(T0.AddMinutes(9)));
    }
}

using LiveCommerce.Contracts.Commerce;

namespace LiveCommerce.Grains.Commerce;

/// <summary>
/// What every attempt on a sale asks of its reservations, kept in memory so that an attempt (the stampede's
/// thousands of sold-out ones included) costs O(1) instead of a scan of every reservation: the units each
/// buyer holds or paid for (the per-user limit), and when the earliest hold runs out. A new reservation
/// updates it; any other change makes it work the units out again from the reservations when next asked.
/// </summary>
public sealed class SaleTally(Func<IReadOnlyDictionary<string, Reservation>> reservations)
{
    private Dictionary<string, int>? _units;
    // No hold runs out before this; MinValue: unknown (look).
    private DateTime _nextExpiry = DateTime.MinValue;

    /// <summary>Units of the sale's reservations (held or paid) this buyer has.</summary>
    public int UnitsOf(string userId)
    {
        _units ??= reservations().Values
            .Where(r => r.Status is OrderStatus.PendingPayment or OrderStatus.Paid)
            .GroupBy(r => r.UserId)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));
        return _units.GetValueOrDefault(userId);
    }

    public void Reserved(Reservation reservation)
    {
        if (_units is not null) _units[reservation.UserId] = _units.GetValueOrDefault(reservation.UserId) + reservation.Quantity;
        if (reservation.ExpiresAt < _nextExpiry) _nextExpiry = reservation.ExpiresAt;
    }

    /// <summary>A reservation was released, undone or compacted: the units are worked out again.</summary>
    public void Changed() => _units = null;

    /// <summary>False when no hold can have run out by <paramref name="now"/> (the reservations need no look).</summary>
    public bool MayHaveDueHolds(DateTime now) => now >= _nextExpiry;

    /// <summary>After a look at every hold: the earliest still running (none: never).</summary>
    public void Looked(DateTime? earliestRunning) => _nextExpiry = earliestRunning ?? DateTime.MaxValue;
}

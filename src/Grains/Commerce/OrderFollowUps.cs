using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Commerce;

/// <summary>A hold ran out where the units are kept (a sale, a shelf): the order must say expired (<see cref="IOrderGrain.MarkExpired"/>).</summary>
[GenerateSerializer, Alias("OrderExpired")]
public sealed record OrderExpired([property: Id(0)] string OrderId) : FollowUp;

/// <summary>An order placed or paid, for the selling figures of one room's shelf.</summary>
[GenerateSerializer, Alias("OrderFigures")]
public sealed record OrderFigures(
    [property: Id(0)] string RoomId,
    [property: Id(1)] int Units,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] bool Paid) : FollowUp;

/// <summary>
/// An order's units were sold or given back where they are kept (a shelf, a sale): the order must say so
/// (<see cref="IOrderGrain.OnHoldClosed"/>). Once it has, the keeper forgets the hold (compaction): the
/// order record is where a finished hold lives on.
/// </summary>
[GenerateSerializer, Alias("OrderHoldClosed")]
public sealed record OrderHoldClosed([property: Id(0)] string OrderId, [property: Id(1)] Contracts.Commerce.OrderStatus Status) : FollowUp;

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

using LiveCommerce.Errors;
using LiveCommerce.Identity;
using LiveCommerce.Persistence;
using LiveCommerce.Realtime;
using LiveCommerce.Rooms;

namespace LiveCommerce.Commerce;

[GenerateSerializer, Alias("OrderState")]
public sealed class OrderState
{
    [Id(0)] public Order? Order { get; set; }
}

/// <summary>
/// The buyer's record of one order. The units themselves are owned by the flash sale or the rooms;
/// paying or cancelling asks them first, so the order can never say paid for a unit that went back.
/// </summary>
public sealed class OrderGrain(
    [PersistentState("order", StorageNames.Live)] IPersistentState<OrderState> state,
    IRoomPublisher publisher,
    TimeProvider time) : Grain, IOrderGrain
{
    private Order? Current => state.State.Order;

    public async Task<Order> Track(Order order)
    {
        if (Current is { } existing) return existing;
        state.State.Order = order;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IBuyerGrain>(order.UserId).AddOrder(order.OrderId);
        await Stats(order, paid: false);
        Announce(order);
        return order;
    }

    public Task<Order> Get(Caller caller) => Task.FromResult(Owned(caller));

    public Task<Order?> Peek() => Task.FromResult(Current);

    public async Task<Order> Pay(Caller caller)
    {
        var order = Owned(caller);
        if (order.Status != OrderStatus.PendingPayment)
        {
            if (order.Status == OrderStatus.Paid) return order;
            throw LiveCommerceException.Conflict($"order '{order.OrderId}' is {order.Status} and cannot be paid");
        }
        var status = order.SaleId is { } saleId
            ? await GrainFactory.GetGrain<IFlashSaleGrain>(saleId).Confirm(order.OrderId, order.UserId)
            : await ConfirmInRooms(order);
        var updated = await SetStatus(status);
        if (status != OrderStatus.Paid)
            throw LiveCommerceException.Conflict($"order '{order.OrderId}' is {status} and cannot be paid");
        await Stats(updated, paid: true);
        return updated;
    }

    public async Task<Order> Cancel(Caller caller)
    {
        var order = Owned(caller);
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Expired) return order;
        if (order.Status == OrderStatus.Paid) throw LiveCommerceException.Conflict($"order '{order.OrderId}' is paid and cannot be cancelled");
        var status = order.SaleId is { } saleId
            ? await GrainFactory.GetGrain<IFlashSaleGrain>(saleId).Release(order.OrderId, order.UserId, OrderStatus.Cancelled)
            : await ReleaseInRooms(order, OrderStatus.Cancelled);
        return await SetStatus(status);
    }

    public async Task MarkExpired()
    {
        if (Current is { Status: OrderStatus.PendingPayment }) await SetStatus(OrderStatus.Expired);
    }

    private async Task<string> ConfirmInRooms(Order order)
    {
        var statuses = await Task.WhenAll(RoomsOf(order).Select(r => GrainFactory.GetGrain<ILiveRoomGrain>(r).ConfirmStock(order.OrderId, order.UserId)));
        if (statuses.All(s => s == OrderStatus.Paid)) return OrderStatus.Paid;
        // A hold expired in one room: give back what the others still hold, so nothing is half-paid.
        await ReleaseInRooms(order, OrderStatus.Expired);
        return OrderStatus.Expired;
    }

    private async Task<string> ReleaseInRooms(Order order, string status)
    {
        var statuses = await Task.WhenAll(RoomsOf(order).Select(r => GrainFactory.GetGrain<ILiveRoomGrain>(r).ReleaseStock(order.OrderId, order.UserId, status)));
        return statuses.Contains(OrderStatus.Paid) ? OrderStatus.Paid : status;
    }

    private static IEnumerable<string> RoomsOf(Order order) => order.Lines.Select(l => l.RoomId).Distinct();

    private async Task<Order> SetStatus(string status)
    {
        var order = Current!;
        if (order.Status == status) return order;
        var updated = order with { Status = status };
        state.State.Order = updated;
        await state.WriteStateAsync();
        Announce(updated);
        return updated;
    }

    private Task Stats(Order order, bool paid) =>
        Task.WhenAll(order.Lines.GroupBy(l => l.RoomId).Select(g =>
            GrainFactory.GetGrain<ILiveRoomGrain>(g.Key).RecordOrder(order.OrderId, order.UserId, g.Sum(l => l.Quantity), g.Sum(l => l.Amount), paid)));

    private void Announce(Order order) =>
        publisher.PublishPersonal(order.UserId, new PersonalEvent
        {
            Type = EventTypes.OrderUpdated,
            At = time.GetUtcNow().UtcDateTime,
            Data = new OrderUpdatedData { Order = order },
        });

    private Order Owned(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to see your orders");
        var order = Current;
        if (order is null)
        {
            DeactivateOnIdle();
            throw LiveCommerceException.NotFound($"order '{this.GetPrimaryKeyString()}' does not exist");
        }
        // Someone else's order is reported as missing, so order ids cannot be probed.
        if (order.UserId != caller.UserId) throw LiveCommerceException.NotFound($"order '{order.OrderId}' does not exist");
        // An unpaid hold past its time is expired even before the stock owner's timer says so.
        if (order.Status == OrderStatus.PendingPayment && order.HoldExpiresAt <= time.GetUtcNow().UtcDateTime)
            return order with { Status = OrderStatus.Expired };
        return order;
    }
}

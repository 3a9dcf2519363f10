using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Social;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace LiveCommerce.Grains.Social;

/// <summary>Carries out the buy comments of one room (key: room id), delivered from the room's outbox.</summary>
[Alias("ICommentToBuyGrain")]
public interface ICommentToBuyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Buys each order's quantity through its sale when the room saw one active (idempotency key = the
    /// comment id), else adds it to the author's cart; the author hears the outcome as <c>commentToBuy</c>.
    /// An empty product id (nothing named, nothing pinned) is answered <c>notFound</c>. Completes once every
    /// order is carried out and stored as done: a redelivered comment id is not bought again. Throws when
    /// one could not be carried out yet (the room's outbox retries it).
    /// </summary>
    [Alias("BuyFromComments")] Task BuyFromComments(CommentToBuyOrder[] orders);
}

[GenerateSerializer, Alias("CommentToBuyState")]
public sealed class CommentToBuyState
{
    /// <summary>The comment ids carried out most recently: a redelivery (the room lost its acknowledgement) is answered at once.</summary>
    [Id(0)] public RecentIds Done { get; set; } = new() { Capacity = 5_000 };
}

/// <summary>
/// Reentrant: the orders of one delivery (and of concurrent ones) run side by side; their done ids are
/// group-committed before the delivery is acknowledged. A business refusal is an outcome (told to the
/// author); only a failure to reach the sale, the cart or storage makes the room deliver again.
/// </summary>
[Reentrant]
public sealed class CommentToBuyGrain(
    [PersistentState("commentToBuy", StorageNames.Live)] IPersistentState<CommentToBuyState> state,
    IRoomPublisher publisher,
    TimeProvider time,
    ILogger<CommentToBuyGrain> logger) : Grain, ICommentToBuyGrain
{
    // A redelivery while the first delivery is still buying waits for that buy instead of buying again.
    private readonly Dictionary<string, Task> _buying = [];
    private GroupCommit? _commit;

    private string RoomId => this.GetPrimaryKeyString();

    public async Task BuyFromComments(CommentToBuyOrder[] orders)
    {
        await Task.WhenAll(orders.Select(Carry));
        _commit ??= new GroupCommit(state.WriteStateAsync);
        await _commit.CommitAsync();
    }

    private Task Carry(CommentToBuyOrder order)
    {
        if (state.State.Done.Contains(order.CommentId)) return Task.CompletedTask;
        if (!_buying.TryGetValue(order.CommentId, out var buying)) _buying[order.CommentId] = buying = BuyAsync(order);
        return buying;
    }

    private async Task BuyAsync(CommentToBuyOrder order)
    {
        try
        {
            var (result, orderId) = await OutcomeAsync(order);
            state.State.Done.Add(order.CommentId);
            Tell(order, result, orderId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Comment {CommentId} in room {RoomId} could not buy yet; the room retries", order.CommentId, RoomId);
            throw;
        }
        finally
        {
            _buying.Remove(order.CommentId);
        }
    }

    private async Task<(CommentToBuyResult, string?)> OutcomeAsync(CommentToBuyOrder order)
    {
        // "sold" with nothing pinned and no product named.
        if (order.ProductId.Length == 0) return (CommentToBuyResult.NotFound, null);
        try
        {
            return (order.SaleId is { } saleId ? await BuyFromSale(order, saleId) : null) ?? await AddToCart(order);
        }
        catch (LiveCommerceException e)
        {
            // A refusal is the answer, not a failure to retry.
            return (e.Code switch
            {
                ErrorCodes.Conflict => CommentToBuyResult.SoldOut,
                ErrorCodes.Forbidden => CommentToBuyResult.RegionBlocked,
                ErrorCodes.InvalidArgument => CommentToBuyResult.LimitExceeded,
                _ => CommentToBuyResult.NotFound,
            }, null);
        }
    }

    /// <summary>The sale's answer, or null when it closed since the room looked (then the cart takes it).</summary>
    private async Task<(CommentToBuyResult, string?)?> BuyFromSale(CommentToBuyOrder order, string saleId)
    {
        var purchase = await GrainFactory.GetGrain<IFlashSaleGrain>(saleId).Buy(order.Author, order.Quantity, order.CommentId);
        return purchase.Status switch
        {
            PurchaseStatus.Reserved => (CommentToBuyResult.Reserved, purchase.OrderId),
            PurchaseStatus.SoldOut => (CommentToBuyResult.SoldOut, null),
            PurchaseStatus.LimitExceeded => (CommentToBuyResult.LimitExceeded, null),
            PurchaseStatus.RegionBlocked => (CommentToBuyResult.RegionBlocked, null),
            _ => null,
        };
    }

    private async Task<(CommentToBuyResult, string?)> AddToCart(CommentToBuyOrder order)
    {
        await GrainFactory.GetGrain<IBuyerGrain>(order.Author.UserId!).AddToCart(order.Author, RoomId, order.ProductId, order.Quantity);
        return (CommentToBuyResult.AddedToCart, null);
    }

    private void Tell(CommentToBuyOrder order, CommentToBuyResult result, string? orderId) =>
        publisher.PublishPersonal(order.Author.UserId!, new PersonalEvent
        {
            Type = EventTypes.CommentToBuy,
            At = time.GetUtcNow().UtcDateTime,
            Data = new CommentToBuyData { CommentId = order.CommentId, ProductId = order.ProductId, Quantity = order.Quantity, Result = result, OrderId = orderId },
        });
}

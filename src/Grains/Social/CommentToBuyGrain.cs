using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Social;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace LiveCommerce.Grains.Social;

/// <summary>Carries out buy comments of one room (key: room id) off the room's hot path.</summary>
[Alias("ICommentToBuyGrain")]
public interface ICommentToBuyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Buys <paramref name="quantity"/> of the product through <paramref name="saleId"/> when the room
    /// saw it active (idempotency key = the comment id), else adds it to the author's cart; the author
    /// hears the outcome as <c>commentToBuy</c>. An empty <paramref name="productId"/> (nothing named, nothing
    /// pinned) is answered <c>notFound</c>.
    /// </summary>
    [Alias("Buy"), OneWay] Task Buy(Caller author, string commentId, string productId, int quantity, string? saleId);
}

[StatelessWorker]
public sealed class CommentToBuyGrain(IRoomPublisher publisher, TimeProvider time, ILogger<CommentToBuyGrain> logger) : Grain, ICommentToBuyGrain
{
    private string RoomId => this.GetPrimaryKeyString();

    public async Task Buy(Caller author, string commentId, string productId, int quantity, string? saleId)
    {
        if (productId.Length == 0)
        {
            // "sold" with nothing pinned and no product named.
            Tell(author, new CommentToBuyData { CommentId = commentId, ProductId = productId, Quantity = quantity, Result = CommentToBuyResult.NotFound });
            return;
        }
        try
        {
            var (result, orderId) = (saleId is null ? null : await BuyFromSale(author, commentId, quantity, saleId))
                ?? await AddToCart(author, productId, quantity);
            Tell(author, new CommentToBuyData { CommentId = commentId, ProductId = productId, Quantity = quantity, Result = result, OrderId = orderId });
        }
        catch (Exception e)
        {
            // Nothing was taken (the buy is idempotent on the comment id); the author may simply buy again.
            logger.LogWarning(e, "Comment {CommentId} in room {RoomId} could not buy", commentId, RoomId);
        }
    }

    /// <summary>The sale's answer, or null when it closed since the room looked (then the cart takes it).</summary>
    private async Task<(CommentToBuyResult, string?)?> BuyFromSale(Caller author, string commentId, int quantity, string saleId)
    {
        var purchase = await GrainFactory.GetGrain<IFlashSaleGrain>(saleId).Buy(author, quantity, commentId);
        return purchase.Status switch
        {
            PurchaseStatus.Reserved => (CommentToBuyResult.Reserved, purchase.OrderId),
            PurchaseStatus.SoldOut => (CommentToBuyResult.SoldOut, null),
            PurchaseStatus.LimitExceeded => (CommentToBuyResult.LimitExceeded, null),
            PurchaseStatus.RegionBlocked => (CommentToBuyResult.RegionBlocked, null),
            _ => null,
        };
    }

    private async Task<(CommentToBuyResult, string?)> AddToCart(Caller author, string productId, int quantity)
    {
        try
        {
            await GrainFactory.GetGrain<IBuyerGrain>(author.UserId!).AddToCart(author, RoomId, productId, quantity);
            return (CommentToBuyResult.AddedToCart, null);
        }
        catch (LiveCommerceException e)
        {
            return (e.Code switch
            {
                ErrorCodes.Conflict => CommentToBuyResult.SoldOut,
                ErrorCodes.Forbidden => CommentToBuyResult.RegionBlocked,
                ErrorCodes.InvalidArgument => CommentToBuyResult.LimitExceeded,
                _ => CommentToBuyResult.NotFound,
            }, null);
        }
    }

    private void Tell(Caller author, CommentToBuyData data) =>
        publisher.PublishPersonal(author.UserId!, new PersonalEvent { Type = EventTypes.CommentToBuy, At = time.GetUtcNow().UtcDateTime, Data = data });
}

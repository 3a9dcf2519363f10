using LiveCommerce.Contracts.Identity;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Social;

/// <summary>
/// A buy comment as the room resolved it when the comment was made: <paramref name="ProductId"/> the
/// product named (else the pinned one, empty when neither), <paramref name="SaleId"/> its flash sale when
/// one was active. The comment id is its idempotency key all the way to the sale.
/// </summary>
[GenerateSerializer, Alias("CommentToBuyOrder")]
public sealed record CommentToBuyOrder(
    [property: Id(0)] Caller Author,
    [property: Id(1)] string CommentId,
    [property: Id(2)] string ProductId,
    [property: Id(3)] int Quantity,
    [property: Id(4)] string? SaleId);

/// <summary>The room's follow-up of an acknowledged buy comment: stored with the comment, delivered until carried out.</summary>
[GenerateSerializer, Alias("BuyComment")]
public sealed record BuyComment([property: Id(0)] CommentToBuyOrder Order) : FollowUp;

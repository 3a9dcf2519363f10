using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Giveaways;
using LiveCommerce.Grains.Moderation;
using LiveCommerce.Grains.Social;

namespace LiveCommerce.Grains.Rooms;

/// <summary>A comment the room admitted: its cleaned text, its badge, and whether only its author may see it (a shadow ban).</summary>
public sealed record AdmittedComment(string Text, string? Badge, bool Shadow);

/// <summary>
/// The rules of a room's chat, on its <see cref="RoomState"/>: who may comment (mutes, the guard's length,
/// words, slow mode and flood limits, shadow bans), the recent comments a snapshot shows, and what a
/// comment does besides being shown (a giveaway keyword, a buy command). The room grain sequences and
/// stores; this decides.
/// </summary>
public sealed class RoomChat(RoomOptions options, Func<RoomState> state) : IDisposable
{
    public const int RecentCommentCount = 50;
    private readonly CommentGuard _guard = new(options);

    private RoomState S => state();

    /// <summary>The comment as it enters the room, or a refusal (muted, blocked, rate limited, invalid).</summary>
    public AdmittedComment Admit(Caller caller, Room room, string? text, DateTime now)
    {
        var userId = caller.UserId!;
        if (S.MutedUntil.TryGetValue(userId, out var until) && until > now)
            throw new LiveCommerceException(ErrorCodes.Muted, $"you are muted in this room until {until:u}");
        var moderator = IsModerator(caller);
        var exempt = userId == room.HostId || moderator;
        var admitted = _guard.Admit(userId, text, exempt, S.SlowModeSeconds, now, S.Moderation.Matcher);
        var badge = userId == room.HostId ? Badges.Host : moderator ? Badges.Moderator : null;
        return new AdmittedComment(admitted, badge, Shadow: !exempt && S.Moderation.IsShadowBanned(userId));
    }

    /// <summary>A platform moderator (token role) or one the host appointed in this room.</summary>
    public bool IsModerator(Caller caller) => caller.Role == Roles.Moderator || S.Moderators.Contains(caller.UserId ?? "");

    /// <summary>Counts a logged comment and keeps it among the recent ones (the newest <see cref="RecentCommentCount"/>).</summary>
    public void Remember(CommentData comment)
    {
        S.Comments++;
        S.RecentComments.Add(comment);
        if (S.RecentComments.Count > RecentCommentCount) S.RecentComments.RemoveAt(0);
    }

    /// <summary>The active giveaway a comment enters its author in (it carries the keyword), or null.</summary>
    public string? GiveawayEntered(string text) =>
        EntryRules.Matches(text, S.GiveawayKeyword) && S.ActiveMechanics.TryGetValue(StageSlot.Giveaway, out var giveawayId) ? giveawayId : null;

    /// <summary>
    /// Comment-to-buy: the product named (else the pinned one, empty when neither) through its flash sale
    /// when one is active, else into the cart; null when the text is not a buy command.
    /// </summary>
    public CommentToBuyOrder? BuyOrder(Caller caller, Room room, string commentId, string text, DateTime now)
    {
        if (CommentToBuyCommand.Parse(text, room.BuyKeyword) is not { } command) return null;
        var productId = command.ProductId is { } named
            ? S.Products.Find(p => string.Equals(p.ProductId, named, StringComparison.OrdinalIgnoreCase))?.ProductId ?? named
            : S.PinnedProductId ?? "";
        var sale = S.FlashSales.LastOrDefault(s => s.ProductId == productId && s.Status == FlashSaleStatus.Active && s.EndsAt > now);
        return new CommentToBuyOrder(caller, commentId, productId, command.Quantity, sale?.SaleId);
    }

    public void Dispose() => _guard.Dispose();
}

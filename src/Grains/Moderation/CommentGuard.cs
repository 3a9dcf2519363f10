using System.Threading.RateLimiting;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Grains.Moderation;

/// <summary>
/// The checks a comment passes before it enters the log: length, blocked words, slow mode and the
/// per-user flood limit. The room's host and moderators are exempt from the flood limit and slow mode.
/// </summary>
public sealed class CommentGuard : IDisposable
{
    private readonly PartitionedRateLimiter<string> _flood;
    private readonly BlockedWords _blocked;
    private readonly Dictionary<string, DateTime> _lastComment = [];

    public CommentGuard(RoomOptions options)
    {
        var window = TimeSpan.FromSeconds(options.CommentWindowSeconds);
        _flood = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetSlidingWindowLimiter(user,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.CommentsPerWindow,
                Window = window,
                SegmentsPerWindow = Math.Min(10, options.CommentWindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        _blocked = new BlockedWords(options.BlockedWords.Where(w => !string.IsNullOrWhiteSpace(w)));
    }

    /// <summary>
    /// The trimmed text, or a refusal. Consumes a flood permit only when everything else passed.
    /// <paramref name="roomWords"/>: the room's own blocked words, on top of the server's.
    /// </summary>
    public string Admit(string userId, string? text, bool exempt, int slowModeSeconds, DateTime now, BlockedWords? roomWords = null)
    {
        var trimmed = text is null ? "" : TextHygiene.Clean(text, "a comment", allowNewlines: true);
        if (trimmed.Length == 0)
            throw LiveCommerceException.Invalid("a comment needs some text");
        if (trimmed.Length > LiveProtocol.MaxCommentLength)
            throw LiveCommerceException.Invalid($"a comment is at most {LiveProtocol.MaxCommentLength} characters");
        if (_blocked.Matches(trimmed) || roomWords?.Matches(trimmed) == true)
            throw new LiveCommerceException(ErrorCodes.BlockedContent, "the comment contains words this room does not allow");
        if (exempt) return trimmed;

        if (slowModeSeconds > 0 && _lastComment.TryGetValue(userId, out var last) && now - last < TimeSpan.FromSeconds(slowModeSeconds))
            throw LiveCommerceException.RateLimited($"slow mode: one comment every {slowModeSeconds} s");
        using var lease = _flood.AttemptAcquire(userId);
        if (!lease.IsAcquired)
            throw LiveCommerceException.RateLimited("too many comments; wait a few seconds");

        _lastComment[userId] = now;
        return trimmed;
    }

    public void Dispose() => _flood.Dispose();
}

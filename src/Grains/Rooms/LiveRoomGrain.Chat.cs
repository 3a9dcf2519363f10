using LiveCommerce.Errors;
using LiveCommerce.Identity;
using LiveCommerce.Protocol;
using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

// Comments, likes and moderation.
public sealed partial class LiveRoomGrain
{
    private const int RecentCommentCount = 50;

    public async Task<SendCommentResult> Comment(Caller caller, string? text)
    {
        RequireUser(caller);
        var room = RequireLive();
        var userId = caller.UserId!;
        if (S.MutedUntil.TryGetValue(userId, out var until) && until > Now)
            throw new LiveCommerceException(ErrorCodes.Muted, $"you are muted in this room until {until:u}");
        var exempt = userId == room.HostId || caller.Role == Roles.Moderator;
        var admitted = _commentGuard.Admit(userId, text, exempt, S.SlowModeSeconds, Now);

        var comment = new CommentData { CommentId = $"c{S.Seq + 1}", UserId = userId, Name = caller.DisplayName, Text = admitted };
        var evt = AppendLog(EventTypes.Comment, comment);
        S.Comments++;
        S.RecentComments.Add(comment);
        if (S.RecentComments.Count > RecentCommentCount) S.RecentComments.RemoveAt(0);
        await Commit();
        await ForwardKeywordAsync(caller, admitted);
        return new SendCommentResult { CommentId = comment.CommentId, Seq = evt.Seq!.Value };
    }

    public async Task Like(Caller caller, int taps)
    {
        RequireUser(caller);
        Validate.Range(taps, 1, LiveProtocol.MaxTapsPerLike, "taps");
        RequireLive();
        S.Likes += taps;
        EmitState(EventTypes.Likes, new LikesData { Total = S.Likes });
        await Commit();
    }

    public async Task DeleteComment(Caller caller, string? commentId)
    {
        RequireModerator(caller);
        var id = Validate.Id(commentId, "commentId");
        var known = S.RecentComments.RemoveAll(c => c.CommentId == id) > 0
            || _log.All.Any(e => e.Data is CommentData c && c.CommentId == id);
        if (!known) throw LiveCommerceException.NotFound($"comment '{id}' is not in this room's recent log");
        AppendLog(EventTypes.CommentDeleted, new CommentDeletedData { CommentId = id });
        await Commit();
    }

    public async Task MuteUser(Caller caller, string? userId, int seconds)
    {
        var room = RequireModerator(caller);
        var target = Validate.Id(userId, "userId");
        Validate.Range(seconds, 0, 7 * 24 * 3600, "seconds");
        if (target == room.HostId) throw LiveCommerceException.Forbidden("the room's host cannot be muted");
        var until = Now.AddSeconds(seconds);
        if (seconds == 0) S.MutedUntil.Remove(target);
        else S.MutedUntil[target] = until;
        foreach (var expired in S.MutedUntil.Where(m => m.Value <= Now).Select(m => m.Key).ToList()) S.MutedUntil.Remove(expired);
        AppendLog(EventTypes.UserMuted, new UserMutedData { UserId = target, Until = until });
        await Commit();
    }

    public async Task SetSlowMode(Caller caller, int seconds)
    {
        RequireModerator(caller);
        S.SlowModeSeconds = Validate.Range(seconds, 0, 3600, "seconds");
        AppendLog(EventTypes.SlowMode, new SlowModeData { Seconds = seconds });
        await Commit();
    }
}

using LiveCommerce.Errors;
using LiveCommerce.Identity;
using LiveCommerce.Protocol;
using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

// Reading the log back: replay pages (live window and archive) and comments looked up by id.
public sealed partial class LiveRoomGrain
{
    public Task<LogPage> GetLog(Caller caller, long after, int limit)
    {
        // Anyone may replay an ended show; while it runs, the log is the host's and moderators' view.
        if (RequireRoom().Status != RoomStatus.Ended) RequireModerator(caller);
        return ReadLog(after, limit);
    }

    public Task<LogPage> ExportLog(Caller caller, long after, int limit)
    {
        RequireModerator(caller);
        return ReadLog(after, limit);
    }

    private async Task<LogPage> ReadLog(long after, int limit)
    {
        if (after < 0) throw LiveCommerceException.Invalid("after must be 0 or more");
        Validate.Range(limit, 1, LiveProtocol.MaxLogPage, "limit");
        var last = S.Seq;
        var events = await _log.ReadAsync(after, limit, last);
        var reached = events.Length > 0 ? events[^1].Seq!.Value : after;
        return new LogPage { Events = events, NextAfter = reached < last ? reached : null };
    }

    public Task<WindowComments> GetWindowComments(string[] commentIds)
    {
        var room = RequireRoom();
        if (commentIds is null || commentIds.Length > LiveProtocol.MaxTranslateComments)
            throw LiveCommerceException.Invalid($"commentIds must hold at most {LiveProtocol.MaxTranslateComments} ids");
        var wanted = commentIds.Select(id => Validate.Id(id, "commentId")).ToHashSet();
        var found = new Dictionary<string, CommentData>();
        foreach (var evt in _log.All)
        {
            if (evt.Data is CommentData c && wanted.Contains(c.CommentId)) found[c.CommentId] = c;
            else if (evt.Data is CommentDeletedData d) found.Remove(d.CommentId);
        }
        var comments = commentIds.Distinct().Where(found.ContainsKey).Select(id => found[id]).ToArray();
        return Task.FromResult(new WindowComments { Language = room.Language, Comments = comments });
    }
}

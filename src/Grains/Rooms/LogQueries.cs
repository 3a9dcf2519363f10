using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Grains.Rooms;

/// <summary>Replay over a room's <see cref="SegmentedLog"/>: pages of the whole log and comments looked up by id.</summary>
public static class LogQueries
{
    /// <summary>Log events after <paramref name="after"/> (at most <paramref name="limit"/>) up to <paramref name="last"/>, with where to go on.</summary>
    public static async Task<LogPage> PageAsync(SegmentedLog log, long after, int limit, long last)
    {
        if (after < 0) throw LiveCommerceException.Invalid("after must be 0 or more");
        Validate.Range(limit, 1, LiveProtocol.MaxLogPage, "limit");
        var events = await log.ReadAsync(after, limit, last);
        var reached = events.Length > 0 ? events[^1].Seq!.Value : after;
        return new LogPage { Events = events, NextAfter = reached < last ? reached : null };
    }

    /// <summary>The comments among <paramref name="commentIds"/> in <paramref name="window"/> and not deleted there, in the order asked.</summary>
    public static CommentData[] WindowComments(IEnumerable<RoomEvent> window, string[]? commentIds)
    {
        if (commentIds is null || commentIds.Length > LiveProtocol.MaxTranslateComments)
            throw LiveCommerceException.Invalid($"commentIds must hold at most {LiveProtocol.MaxTranslateComments} ids");
        var wanted = commentIds.Select(id => Validate.Id(id, "commentId")).ToHashSet();
        var found = new Dictionary<string, CommentData>();
        foreach (var evt in window)
        {
            if (evt.Data is CommentData c && wanted.Contains(c.CommentId)) found[c.CommentId] = c;
            else if (evt.Data is CommentDeletedData d) found.Remove(d.CommentId);
        }
        return [.. commentIds.Distinct().Where(found.ContainsKey).Select(id => found[id])];
    }
}

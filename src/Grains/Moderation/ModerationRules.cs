using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Moderation;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Grains.Moderation;

/// <summary>
/// Who may moderate whom in a room, on its <see cref="RoomState"/>: mutes, appointed moderators, shadow
/// bans and the moderation view. Every check runs before anything changes; the room grain logs, audits and stores.
/// </summary>
public sealed class ModerationRules(Func<RoomState> state)
{
    public const int MaxModerators = 50;
    public const int MaxMuteSeconds = 7 * 24 * 3600;

    private RoomState S => state();

    /// <summary>Mutes <paramref name="target"/> for <paramref name="seconds"/> (0 lifts it); returns until when. Expired mutes are forgotten.</summary>
    public DateTime Mute(Room room, Caller caller, string target, int seconds, DateTime now)
    {
        Validate.Range(seconds, 0, MaxMuteSeconds, "seconds");
        if (target == room.HostId) throw LiveCommerceException.Forbidden("the room's host cannot be muted");
        if (S.Moderators.Contains(target) && caller.UserId != room.HostId)
            throw LiveCommerceException.Forbidden("only the room's host can mute one of its moderators");
        var until = now.AddSeconds(seconds);
        if (seconds == 0) S.MutedUntil.Remove(target);
        else S.MutedUntil[target] = until;
        foreach (var expired in S.MutedUntil.Where(m => m.Value <= now).Select(m => m.Key).ToList()) S.MutedUntil.Remove(expired);
        return until;
    }

    /// <summary>Appoints a moderator; false when they already were one.</summary>
    public bool AddModerator(Room room, string target)
    {
        if (target == room.HostId) throw LiveCommerceException.Invalid("the host moderates the room already");
        if (!S.Moderators.Contains(target) && S.Moderators.Count >= MaxModerators)
            throw LiveCommerceException.Invalid($"a room has at most {MaxModerators} moderators");
        return S.Moderators.Add(target);
    }

    /// <summary>
    /// Nobody who moderates the room can be shadow-banned: not the host (<c>forbidden</c>), not a room
    /// moderator (<c>forbidden</c>: the host removes them first). False when nothing changed.
    /// </summary>
    public bool ShadowBan(Room room, string target, bool on)
    {
        if (on && target == room.HostId) throw LiveCommerceException.Forbidden("the room's host cannot be shadow-banned");
        if (on && S.Moderators.Contains(target)) throw LiveCommerceException.Forbidden("a room moderator cannot be shadow-banned; the host can remove them as moderator first");
        return S.Moderation.SetShadowBan(target, on);
    }

    public RoomModerationView View(DateTime now) => new()
    {
        Moderators = [.. S.Moderators.Order(StringComparer.Ordinal)],
        Muted = [.. S.MutedUntil.Where(m => m.Value > now).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MutedUser { UserId = m.Key, Until = m.Value })],
        ShadowBanned = [.. S.Moderation.ShadowBanned.Order(StringComparer.Ordinal)],
        BlockedWords = S.Moderation.BlockedWords,
        SlowModeSeconds = S.SlowModeSeconds,
    };
}

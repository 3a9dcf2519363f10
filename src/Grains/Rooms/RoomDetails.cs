using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Grains.Rooms;

/// <summary>The v1.1 room fields of <c>POST /api/rooms</c>: stream and cover URLs, schedule, buy keyword.</summary>
public static class RoomDetails
{
    public const int MaxKeywordLength = 16;
    /// <summary>Not in the protocol: a room is announced at most a year ahead, and not for a time already past.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(366);

    /// <summary>The room with the request's v1.1 fields checked and set; <c>invalid_argument</c> otherwise.</summary>
    public static Room Apply(Room room, CreateRoomRequest request, DateTime now) => room with
    {
        StreamUrl = Url(request.StreamUrl, "streamUrl"),
        CoverImageUrl = Url(request.CoverImageUrl, "coverImageUrl"),
        ScheduledAt = ScheduledAt(request.ScheduledAt, now),
        BuyKeyword = BuyKeyword(request.BuyKeyword),
    };

    public static string? Url(string? value, string name)
    {
        if (value is null) return null;
        return value.Length is > 0 and <= 2048 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? value
            : throw LiveCommerceException.Invalid($"{name} must be an absolute http(s) URL");
    }

    public static DateTime? ScheduledAt(DateTime? value, DateTime now)
    {
        if (value is not { } at) return null;
        // JSON without an offset arrives unspecified: the protocol's times are UTC.
        var utc = at.Kind switch
        {
            DateTimeKind.Local => at.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(at, DateTimeKind.Utc),
            _ => at,
        };
        if (utc < now || utc > now + MaxScheduleAhead)
            throw LiveCommerceException.Invalid("scheduledAt must be a UTC time from now to a year ahead");
        return utc;
    }

    public static string? BuyKeyword(string? value)
    {
        if (value is null) return null;
        return value.Length is >= 1 and <= MaxKeywordLength && value.All(char.IsLetter)
            ? value
            : throw LiveCommerceException.Invalid($"buyKeyword must be 1..{MaxKeywordLength} letters");
    }
}

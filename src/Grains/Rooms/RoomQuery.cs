using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// <c>GET /api/rooms?status=&amp;hostId=&amp;limit=</c>: live rooms by most viewers (the default, 50),
/// scheduled ones by <c>scheduledAt</c> (soonest first), ended ones newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoomQuery")]
public sealed record RoomQuery(
    [property: Id(0)] RoomStatus Status,
    [property: Id(1)] string? HostId,
    [property: Id(2)] int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static RoomQuery Live { get; } = new(RoomStatus.Live, null, DefaultLimit);

    /// <summary>Checks the query string's values (absent = the defaults); bad ones are <c>invalid_argument</c>.</summary>
    public static RoomQuery Parse(string? status, string? hostId, string? limit)
    {
        var parsedStatus = RoomStatus.Live;
        if (!string.IsNullOrEmpty(status) && !WireEnum.TryParse(status, out parsedStatus))
            throw LiveCommerceException.Invalid("status must be live, scheduled or ended");
        var host = string.IsNullOrEmpty(hostId) ? null : Validate.Id(hostId, "hostId");
        var parsedLimit = DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, System.Globalization.NumberStyles.None, null, out parsedLimit) || parsedLimit is < 1 or > MaxLimit))
            throw LiveCommerceException.Invalid($"limit must be 1..{MaxLimit}");
        return new RoomQuery(parsedStatus, host, parsedLimit);
    }

    public RoomListing[] Apply(IEnumerable<RoomListing> listings)
    {
        var matching = listings.Where(l => l.Status == Status && (HostId is null || l.HostId == HostId));
        var ordered = Status switch
        {
            RoomStatus.Scheduled => matching.OrderBy(l => l.ScheduledAt ?? DateTime.MaxValue).ThenBy(l => l.CreatedAt),
            RoomStatus.Ended => matching.OrderByDescending(l => l.EndedAt ?? l.CreatedAt),
            _ => matching.OrderByDescending(l => l.Viewers),
        };
        return ordered.ThenBy(l => l.RoomId, StringComparer.Ordinal).Take(Limit).ToArray();
    }
}


namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// One host's change of a room's audience since its last report. Hosts count their own connections
/// and report only user transitions (first connection in, last connection out), so a join storm
/// becomes a few reports a second instead of one grain call per join.
/// </summary>
/// <param name="HostId">The reporting host process.</param>
/// <param name="Epoch">The room activation the deltas are relative to; a mismatch makes the host resend in full.</param>
/// <param name="Full">When true, <paramref name="Joined"/> is the host's whole audience and replaces what it reported before.</param>
/// <param name="Joined">Users now present on this host who were not before.</param>
/// <param name="Left">Users no longer present on this host.</param>
/// <param name="Visited">Users whose visit began since the last report (for distinct views; includes brief visits).</param>
/// <param name="GuestsNow">Guest connections on this host now.</param>
/// <param name="GuestJoins">Guest connections that joined since the last report (each is a view).</param>
[GenerateSerializer, Immutable, Alias("PresenceReport")]
public sealed record PresenceReport(
    [property: Id(0)] string HostId,
    [property: Id(1)] Guid Epoch,
    [property: Id(2)] bool Full,
    [property: Id(3)] string[] Joined,
    [property: Id(4)] string[] Left,
    [property: Id(5)] string[] Visited,
    [property: Id(6)] int GuestsNow,
    [property: Id(7)] int GuestJoins);

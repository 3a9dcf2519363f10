namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// The epoch of a room's log (PROTOCOL.md v1.1). A room's seqs restart lower only when its stored state
/// is gone (storage wiped, in-memory storage on a silo that died) and the room is created again: the new
/// log gets a new epoch, stored with the room's state, so it survives every move and restart that keeps
/// the state, and a client holding the old one takes a fresh snapshot rather than trusting its seqs.
/// </summary>
public static class RoomEpochs
{
    /// <summary>A new epoch: random, so two logs of one room id never share one.</summary>
    public static string Mint() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>
    /// The epoch to use: the stored one when there is one (the log continues); otherwise a new one that the
    /// caller must store (a new log, or state written before epochs existed). <paramref name="minted"/> says which.
    /// </summary>
    public static string Resolve(string? stored, out bool minted)
    {
        minted = string.IsNullOrEmpty(stored);
        return minted ? Mint() : stored!;
    }
}

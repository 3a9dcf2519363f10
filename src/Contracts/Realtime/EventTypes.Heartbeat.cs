namespace LiveCommerce.Contracts.Realtime;

// Heartbeat and epochs (PROTOCOL.md v1.1).
public static partial class EventTypes
{
    /// <summary>State event <c>head {seq, epoch}</c>: a quiet live room's last seq, so clients notice a lost tail.</summary>
    public const string Head = "head";
}

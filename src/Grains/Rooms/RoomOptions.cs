using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Grains.Rooms;

/// <summary>Room rules that operators tune (configuration section <c>Rooms</c>).</summary>
public sealed class RoomOptions
{
    public const string Section = "Rooms";

    /// <summary>Log events kept for <c>Resume</c>; at least the protocol's 1,000.</summary>
    [Range(Contracts.Protocol.LiveProtocol.MinResumeWindow, 100_000)]
    public int LogCapacity { get; set; } = 2_000;

    /// <summary>Log events kept for replay after they leave the live window (the newest ones when a room has more).</summary>
    [Range(0, 100_000_000)]
    public int ArchiveEvents { get; set; } = 1_000_000;

    /// <summary>Comments one user may send to one room per <see cref="CommentWindowSeconds"/>.</summary>
    [Range(1, 10_000)]
    public int CommentsPerWindow { get; set; } = 10;

    [Range(1, 3_600)]
    public int CommentWindowSeconds { get; set; } = 10;

    /// <summary>Words that make a comment <c>blocked_content</c> (case-insensitive, whole words).</summary>
    public string[] BlockedWords { get; set; } = [];

    /// <summary>A host whose presence reports stop for this long no longer counts its viewers (it died).</summary>
    [Range(5, 3_600)]
    public int PresenceHostTimeoutSeconds { get; set; } = 30;

    /// <summary>How often a live room refreshes its line in the room list.</summary>
    [Range(1, 600)]
    public int DirectoryRefreshSeconds { get; set; } = 2;

    // Quotas per room: they bound the room's state and its snapshot (sent on every join). A refusal is
    // `conflict` (the room is full, not busy: waiting does not help), and changes nothing.

    /// <summary>Products one room may carry.</summary>
    [Range(1, 10_000)]
    public int ProductsPerRoom { get; set; } = 500;

    /// <summary>Flash sales one room may start over its life (every one stays in its snapshot).</summary>
    [Range(1, 10_000)]
    public int FlashSalesPerRoom { get; set; } = 200;

    /// <summary>Flash sales running or announced (upcoming) in one room at the same time.</summary>
    [Range(1, 1_000)]
    public int FlashSalesAtOnce { get; set; } = 20;
}

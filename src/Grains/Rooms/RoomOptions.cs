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
}

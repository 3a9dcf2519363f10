using LiveCommerce.Contracts.Moderation;

namespace LiveCommerce.Grains.Moderation;

/// <summary>
/// The audit log of a room's moderation actions: the newest <see cref="Capacity"/> entries, oldest first
/// in storage, read newest first. Details are cut to <see cref="MaxDetail"/> characters so the log stays small.
/// </summary>
[GenerateSerializer, Alias("ModerationAudit")]
public sealed class ModerationAudit
{
    public const int Capacity = 1_000;
    public const int MaxDetail = 200;

    [Id(0)] public List<ModerationLogEntry> Entries { get; set; } = [];

    public void Record(ModerationLogEntry entry)
    {
        if (entry.Detail is { Length: > MaxDetail } detail) entry = entry with { Detail = detail[..(MaxDetail - 1)] + "…" };
        Entries.Add(entry);
        if (Entries.Count > Capacity) Entries.RemoveRange(0, Entries.Count - Capacity);
    }

    /// <summary>At most <paramref name="limit"/> entries, newest first.</summary>
    public ModerationLogEntry[] Newest(int limit) =>
        [.. Entries.AsEnumerable().Reverse().Take(Math.Max(0, limit))];

    /// <summary>A list of words as a detail: "+a, b; -c".</summary>
    public static string? WordChanges(string[] added, string[] removed)
    {
        var parts = new List<string>(2);
        if (added.Length > 0) parts.Add("+" + string.Join(", ", added));
        if (removed.Length > 0) parts.Add("-" + string.Join(", ", removed));
        return parts.Count == 0 ? "unchanged" : string.Join("; ", parts);
    }
}

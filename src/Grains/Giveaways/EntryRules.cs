using LiveCommerce.Contracts.Giveaways;

namespace LiveCommerce.Grains.Giveaways;

/// <summary>
/// Who may enter a giveaway (PROTOCOL.md, "Giveaways"): a signed-in user other than the host, in
/// the room's sell regions, who commented the keyword after the start (when there is one) and has
/// watched at least <c>minWatchSeconds</c> since the start (when set). The keyword is checked first,
/// so <c>missing</c> names the first task left to do.
/// </summary>
public static class EntryRules
{
    /// <summary>Whether a comment carries the keyword: a case-insensitive substring match.</summary>
    public static bool Matches(string? comment, string? keyword) =>
        !string.IsNullOrEmpty(keyword) && comment is not null && comment.Contains(keyword, StringComparison.OrdinalIgnoreCase);

    public static EntryRequirement? Missing(bool needsKeyword, bool saidKeyword, int minWatchSeconds, TimeSpan watched)
    {
        if (needsKeyword && !saidKeyword) return EntryRequirement.Keyword;
        if (watched < TimeSpan.FromSeconds(minWatchSeconds)) return EntryRequirement.WatchTime;
        return null;
    }
}

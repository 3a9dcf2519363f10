using LiveCommerce.Contracts.Errors;

namespace LiveCommerce.Grains.Moderation;

/// <summary>
/// A room's own moderation rules (v1.1), stored with the room: its blocked words (on top of the
/// server-wide list, matched the same way) and its shadow-banned users. Every change is checked
/// whole before anything changes.
/// </summary>
[GenerateSerializer, Alias("RoomModeration")]
public sealed class RoomModeration
{
    public const int MaxBlockedWords = 200;
    public const int MaxWordLength = 40;
    public const int MaxShadowBanned = 1_000;

    [NonSerialized] private BlockedWords? _matcher;

    [Id(0)] public string[] BlockedWords { get; set; } = [];
    [Id(1)] public HashSet<string> ShadowBanned { get; set; } = [];

    /// <summary>The room's words as a matcher (built once per change).</summary>
    // Not state: JSON grain storage would write it and then fail to read the room back.
    [Newtonsoft.Json.JsonIgnore, System.Text.Json.Serialization.JsonIgnore]
    public BlockedWords Matcher => _matcher ??= new BlockedWords(BlockedWords);

    /// <summary>Replaces the room's words; returns what was added and removed (compared case-insensitively).</summary>
    public (string[] Added, string[] Removed) SetBlockedWords(string[]? words)
    {
        var valid = ValidWords(words);
        var added = valid.Except(BlockedWords, StringComparer.OrdinalIgnoreCase).ToArray();
        var removed = BlockedWords.Except(valid, StringComparer.OrdinalIgnoreCase).ToArray();
        BlockedWords = valid;
        _matcher = null;
        return (added, removed);
    }

    /// <summary>
    /// Up to <see cref="MaxBlockedWords"/> words of 1..<see cref="MaxWordLength"/> characters after cleaning
    /// (the text rules of comments, one line), each with a letter or digit; duplicates (case-insensitive) kept once.
    /// </summary>
    public static string[] ValidWords(string[]? words)
    {
        if (words is null) throw LiveCommerceException.Invalid("words must be a list (empty clears the room's words)");
        if (words.Length > MaxBlockedWords) throw LiveCommerceException.Invalid($"a room blocks at most {MaxBlockedWords} words");
        var valid = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (word is null) throw LiveCommerceException.Invalid("a blocked word cannot be null");
            var clean = TextHygiene.Clean(word, "a blocked word");
            if (clean.Length is 0 or > MaxWordLength)
                throw LiveCommerceException.Invalid($"a blocked word has 1..{MaxWordLength} characters");
            if (!Moderation.BlockedWords.Fold(clean).Any(char.IsLetterOrDigit))
                throw LiveCommerceException.Invalid($"the blocked word '{clean}' has no letter or digit to match");
            if (!valid.Contains(clean, StringComparer.OrdinalIgnoreCase)) valid.Add(clean);
        }
        return [.. valid];
    }

    public bool IsShadowBanned(string userId) => ShadowBanned.Contains(userId);

    /// <summary>Turns the user's shadow ban on or off; false when nothing changed.</summary>
    public bool SetShadowBan(string userId, bool on)
    {
        if (!on) return ShadowBanned.Remove(userId);
        if (ShadowBanned.Contains(userId)) return false;
        if (ShadowBanned.Count >= MaxShadowBanned)
            throw LiveCommerceException.Invalid($"a room shadow-bans at most {MaxShadowBanned} users; lift some first");
        return ShadowBanned.Add(userId);
    }
}

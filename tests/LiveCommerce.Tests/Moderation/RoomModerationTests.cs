using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Moderation;
using LiveCommerce.Grains.Moderation;

namespace LiveCommerce.Tests.Moderation;

/// <summary>A room's own blocked words, its shadow bans and its audit log, without a cluster.</summary>
public sealed class RoomModerationTests
{
    [Fact]
    public void Room_words_match_whole_words_through_the_servers_folding_and_replace_the_old_list()
    {
        var moderation = new RoomModeration();
        var (added, removed) = moderation.SetBlockedWords(["Spam", "cheap deal", "spam"]);
        Assert.Equal(["Spam", "cheap deal"], added);
        Assert.Empty(removed);
        Assert.Equal(["Spam", "cheap deal"], moderation.BlockedWords);

        Assert.True(moderation.Matcher.Matches("total SPAM here"));
        Assert.True(moderation.Matcher.Matches("s\u200Bpam"));          // zero-width
        Assert.True(moderation.Matcher.Matches("\u0455pam"));           // Cyrillic ѕ
        Assert.True(moderation.Matcher.Matches("\uFF53\uFF50\uFF41\uFF4D")); // fullwidth
        Assert.True(moderation.Matcher.Matches("a CHEAP   deal!"));
        Assert.False(moderation.Matcher.Matches("spammer"));            // whole words only
        Assert.False(moderation.Matcher.Matches("cheap"));

        (added, removed) = moderation.SetBlockedWords(["scam"]);
        Assert.Equal(["scam"], added);
        Assert.Equal(["Spam", "cheap deal"], removed);
        Assert.False(moderation.Matcher.Matches("spam"));
        Assert.True(moderation.Matcher.Matches("a scam"));
        moderation.SetBlockedWords([]);
        Assert.True(moderation.Matcher.IsEmpty);
    }

    public static TheoryData<string?[]?> BadWordLists => new()
    {
        null,
        new string?[] { null },
        new string?[] { "" },
        new string?[] { "   " },
        new string?[] { new('a', 41) },
        new string?[] { "ok", "!!!" },
        new string?[] { "bell\u0007" },
        new string?[] { "rtl\u202Eover" },
        Enumerable.Range(0, 201).Select(i => (string?)$"w{i}").ToArray(),
    };

    [Theory]
    [MemberData(nameof(BadWordLists))]
    public void Bad_word_lists_are_invalid_and_change_nothing(string?[]? words)
    {
        var moderation = new RoomModeration();
        moderation.SetBlockedWords(["keep"]);
        var e = Assert.Throws<LiveCommerceException>(() => moderation.SetBlockedWords(words!));
        Assert.Equal(ErrorCodes.InvalidArgument, e.Code);
        Assert.Equal(["keep"], moderation.BlockedWords);
        Assert.True(moderation.Matcher.Matches("keep"));
    }

    [Fact]
    public void Two_hundred_words_of_forty_characters_are_the_limit()
    {
        var moderation = new RoomModeration();
        moderation.SetBlockedWords([.. Enumerable.Range(0, 200).Select(i => $"{i:D3}" + new string('x', 37))]);
        Assert.Equal(200, moderation.BlockedWords.Length);
    }

    [Fact]
    public void Shadow_bans_turn_on_and_off_and_report_whether_anything_changed()
    {
        var moderation = new RoomModeration();
        Assert.True(moderation.SetShadowBan("troll", on: true));
        Assert.False(moderation.SetShadowBan("troll", on: true));
        Assert.True(moderation.IsShadowBanned("troll"));
        Assert.True(moderation.SetShadowBan("troll", on: false));
        Assert.False(moderation.SetShadowBan("troll", on: false));
        Assert.False(moderation.IsShadowBanned("troll"));
    }

    [Fact]
    public void The_audit_keeps_the_newest_thousand_newest_first_with_details_cut_short()
    {
        var audit = new ModerationAudit();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 1_005; i++)
            audit.Record(new ModerationLogEntry { At = start.AddSeconds(i), ModeratorId = "m", Action = ModerationAction.MuteUser, TargetUserId = $"u{i}" });
        Assert.Equal(ModerationAudit.Capacity, audit.Entries.Count);
        var newest = audit.Newest(3);
        Assert.Equal(["u1004", "u1003", "u1002"], newest.Select(e => e.TargetUserId));
        Assert.Equal("u5", audit.Newest(ModerationAudit.Capacity)[^1].TargetUserId);

        audit.Record(new ModerationLogEntry { At = start, ModeratorId = "m", Action = ModerationAction.SetBlockedWords, Detail = new string('w', 500) });
        Assert.Equal(ModerationAudit.MaxDetail, audit.Newest(1)[0].Detail!.Length);
        Assert.Equal("+a, b; -c", ModerationAudit.WordChanges(["a", "b"], ["c"]));
        Assert.Equal("unchanged", ModerationAudit.WordChanges([], []));
    }
}

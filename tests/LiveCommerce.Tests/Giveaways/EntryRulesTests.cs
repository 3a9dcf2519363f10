using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Grains.Giveaways;

namespace LiveCommerce.Tests.Giveaways;

public sealed class EntryRulesTests
{
    [Theory]
    [InlineData("I want the #WIN please", "#win", true)]
    [InlineData("WINNER", "win", true)]
    [InlineData("w i n", "win", false)]
    [InlineData("", "win", false)]
    [InlineData(null, "win", false)]
    [InlineData("anything", null, false)]
    public void A_comment_matches_when_it_contains_the_keyword_in_any_case(string? comment, string? keyword, bool matches) =>
        Assert.Equal(matches, EntryRules.Matches(comment, keyword));

    [Fact]
    public void The_keyword_is_the_first_missing_task() =>
        Assert.Equal(EntryRequirement.Keyword, EntryRules.Missing(needsKeyword: true, saidKeyword: false, 60, TimeSpan.Zero));

    [Fact]
    public void Watch_time_is_missing_until_reached()
    {
        Assert.Equal(EntryRequirement.WatchTime, EntryRules.Missing(true, true, 60, TimeSpan.FromSeconds(59.9)));
        Assert.Null(EntryRules.Missing(true, true, 60, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Without_tasks_anyone_is_eligible() => Assert.Null(EntryRules.Missing(false, false, 0, TimeSpan.Zero));
}

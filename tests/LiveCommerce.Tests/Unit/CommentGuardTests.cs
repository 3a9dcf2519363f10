using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Moderation;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.Tests.Unit;

/// <summary>What a comment passes before it enters the log.</summary>
public sealed class CommentGuardTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private readonly CommentGuard _guard = new(new RoomOptions { CommentsPerWindow = 3, CommentWindowSeconds = 60, BlockedWords = ["spam", " "] });

    public void Dispose() => _guard.Dispose();

    private string Code(Action act) => Assert.Throws<LiveCommerceException>(act).Code;

    [Fact]
    public void Text_is_trimmed_and_checked_for_length_and_blocked_words()
    {
        Assert.Equal("hello", _guard.Admit("ann", "  hello \n", exempt: false, 0, T0));
        Assert.Equal(ErrorCodes.InvalidArgument, Code(() => _guard.Admit("ann", "   ", false, 0, T0)));
        Assert.Equal(ErrorCodes.InvalidArgument, Code(() => _guard.Admit("ann", new string('x', 301), false, 0, T0)));
        Assert.Equal("x" + new string('y', 299), _guard.Admit("ann", "x" + new string('y', 299), false, 0, T0));
        Assert.Equal(ErrorCodes.BlockedContent, Code(() => _guard.Admit("host", "buy SPAM now", exempt: true, 0, T0)));
        Assert.Equal("spammer", _guard.Admit("bob", "spammer", false, 0, T0)); // whole words only
    }

    [Fact]
    public void The_flood_limit_refuses_the_burst_beyond_it_per_user_but_not_the_exempt()
    {
        for (var i = 0; i < 3; i++) _guard.Admit("ann", $"hi {i}", false, 0, T0);
        Assert.Equal(ErrorCodes.RateLimited, Code(() => _guard.Admit("ann", "one more", false, 0, T0)));
        _guard.Admit("bob", "I am someone else", false, 0, T0);
        for (var i = 0; i < 10; i++) _guard.Admit("host", $"host {i}", exempt: true, 0, T0);
    }

    [Fact]
    public void Slow_mode_spaces_one_users_comments_on_the_given_clock()
    {
        _guard.Admit("ann", "first", false, slowModeSeconds: 5, T0);
        Assert.Equal(ErrorCodes.RateLimited, Code(() => _guard.Admit("ann", "too soon", false, 5, T0.AddSeconds(4))));
        Assert.Equal("later", _guard.Admit("ann", "later", false, 5, T0.AddSeconds(5)));
        Assert.Equal("mod", _guard.Admit("mod", "mod", exempt: true, 5, T0));
        Assert.Equal("mod again", _guard.Admit("mod", "mod again", exempt: true, 5, T0));
    }
}

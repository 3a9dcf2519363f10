using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Moderation;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Tests.Unit;

/// <summary>Who may moderate whom, without a cluster.</summary>
public sealed class ModerationRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Room Room = new() { RoomId = "r", Title = "Show", HostId = "host", Status = RoomStatus.Live, SellRegions = [], CreatedAt = T0 };
    private readonly RoomState _state = new() { Room = Room };
    private readonly ModerationRules _rules;

    public ModerationRulesTests() => _rules = new ModerationRules(() => _state);

    private static string Code(Action act) => Assert.Throws<LiveCommerceException>(act).Code;

    [Fact]
    public void Mutes_spare_the_host_and_only_the_host_mutes_a_moderator()
    {
        var host = Caller.User("host");
        _rules.AddModerator(Room, "mod");
        Assert.Equal(ErrorCodes.Forbidden, Code(() => _rules.Mute(Room, Caller.User("mod2", Roles.Moderator), "host", 60, T0)));
        Assert.Equal(ErrorCodes.Forbidden, Code(() => _rules.Mute(Room, Caller.User("mod2", Roles.Moderator), "mod", 60, T0)));
        Assert.Equal(ErrorCodes.InvalidArgument, Code(() => _rules.Mute(Room, host, "ann", -1, T0)));

        Assert.Equal(T0.AddSeconds(60), _rules.Mute(Room, host, "mod", 60, T0));
        _rules.Mute(Room, host, "ann", 30, T0);
        _rules.Mute(Room, host, "bob", 10, T0.AddSeconds(45)); // ann's mute ran out: forgotten
        Assert.Equal(["bob", "mod"], _state.MutedUntil.Keys.Order());
        _rules.Mute(Room, host, "bob", 0, T0.AddSeconds(46));
        Assert.Equal(["mod"], _rules.View(T0.AddSeconds(46)).Muted.Select(m => m.UserId));
    }

    [Fact]
    public void Moderators_are_capped_and_never_shadow_banned()
    {
        Assert.Equal(ErrorCodes.InvalidArgument, Code(() => _rules.AddModerator(Room, "host")));
        for (var i = 0; i < ModerationRules.MaxModerators; i++) Assert.True(_rules.AddModerator(Room, $"m{i}"));
        Assert.False(_rules.AddModerator(Room, "m0"));
        Assert.Equal(ErrorCodes.InvalidArgument, Code(() => _rules.AddModerator(Room, "one-too-many")));

        Assert.Equal(ErrorCodes.Forbidden, Code(() => _rules.ShadowBan(Room, "host", on: true)));
        Assert.Equal(ErrorCodes.Forbidden, Code(() => _rules.ShadowBan(Room, "m1", on: true)));
        Assert.True(_rules.ShadowBan(Room, "troll", on: true));
        Assert.False(_rules.ShadowBan(Room, "troll", on: true));
        Assert.Equal(["troll"], _rules.View(T0).ShadowBanned);
        Assert.True(_rules.ShadowBan(Room, "troll", on: false));
    }
}

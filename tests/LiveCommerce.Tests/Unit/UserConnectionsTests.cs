using LiveCommerce.LiveHost.Realtime;

namespace LiveCommerce.Tests.Unit;

/// <summary>The per-user index behind personal events on a single host.</summary>
public sealed class UserConnectionsTests
{
    [Fact]
    public void A_user_is_found_on_each_of_their_connections_until_the_last_goes()
    {
        var users = new UserConnections();
        users.Add("ann", "c1");
        users.Add("ann", "c2");
        users.Add("bob", "c3");
        Assert.Equal(["c1", "c2"], users.Of("ann").Order());
        users.Remove("ann", "c1");
        Assert.Equal(["c2"], users.Of("ann"));
        users.Remove("ann", "c2");
        users.Remove("ann", "c2"); // twice: harmless
        Assert.Empty(users.Of("ann"));
        Assert.Equal(["c3"], users.Of("bob"));
        Assert.Empty(users.Of("nobody"));
    }
}

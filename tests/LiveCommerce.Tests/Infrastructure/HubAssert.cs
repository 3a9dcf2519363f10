using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Tests.Infrastructure;

public static class HubAssert
{
    /// <summary>Asserts the invocation fails with a HubException whose message starts with the protocol code.</summary>
    public static async Task<HubException> FailsWith(string code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HubException>(call);
        Assert.StartsWith(code + ": ", e.Message);
        return e;
    }
}

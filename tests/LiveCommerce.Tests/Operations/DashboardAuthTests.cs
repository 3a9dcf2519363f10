using System.Net;
using System.Net.Http.Headers;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Operations;

/// <summary>
/// <c>/dashboard</c> outside Development: operators only (role claim or listed user id); anonymous 401,
/// others 403. In Development it is open.
/// </summary>
public sealed class DashboardAuthTests
{
    [Fact]
    public async Task In_production_only_operators_open_the_dashboard()
    {
        await using var server = await LiveServer.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Operations:Operators:0"] = "oncall-ann",
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(server, token: null));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(server, server.Token("viewer1")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(server, server.Token("host1", "host")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, server.Token("ops1", "operator")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, server.Token("oncall-ann")));
        // The dashboard's data behind the page is guarded the same way.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(server, token: null, "/dashboard/DashboardCounters"));
    }

    [Fact]
    public async Task In_development_the_dashboard_is_open()
    {
        await using var server = await LiveServer.StartAsync(new Dictionary<string, string> { ["environment"] = "Development" });

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, token: null));
    }

    private static async Task<HttpStatusCode> StatusAsync(LiveServer server, string? token, string path = "/dashboard/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Http.SendAsync(request);
        return response.StatusCode;
    }
}

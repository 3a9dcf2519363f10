using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Tests.Identity;

/// <summary>
/// A server started as Production with a configured key: no token is a guest, any presented token that
/// does not validate is a 401 on HTTP and on the hub, and dev tokens are off.
/// </summary>
public sealed class TokenTests : IAsyncLifetime
{
    private LiveServer _server = null!;
    private readonly CapturedLogs _logs = new();

    public async Task InitializeAsync() =>
        _server = await LiveServer.StartAsync(TestSigner.Settings(new() { ["Auth:DevTokens"] = "false" }), _logs.AttachTo);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> InvalidTokens => new()
    {
        { "tampered", TestSigner.Tampered() },
        { "expired", TestSigner.Mint(expires: DateTime.UtcNow.AddMinutes(-10)) },
        { "wrong issuer", TestSigner.Mint(issuer: "someone-else") },
        { "wrong audience", TestSigner.Mint(audience: "another-app") },
        { "other key", TestSigner.Mint(key: "a-different-key-of-enough-length-0123456789") },
        { "alg none", TestSigner.Unsigned() },
        { "malformed", "not-a-jwt" },
        { "unknown role", TestSigner.Mint(role: "admin") },
        { "bad subject", TestSigner.Mint(userId: "two words") },
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task A_present_but_invalid_token_is_401_unauthorized_on_http(string why, string token)
    {
        using var response = await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/rooms", token));
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
        Assert.DoesNotContain(token, problem.GetRawText());
    }

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task A_present_but_invalid_token_is_refused_on_hub_negotiate_and_connect(string why, string token)
    {
        var negotiate = new HubConnectionBuilder()
            .WithUrl(_server.BaseUrl + LiveProtocol.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => negotiate.StartAsync());
        Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, why);
        await negotiate.DisposeAsync();

        // Straight to the WebSocket with access_token in the query: the upgrade request gets the 401.
        using var upgrade = await _server.Http.GetAsync($"{LiveProtocol.HubPath}?access_token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Unauthorized, upgrade.StatusCode);
        var direct = new HubConnectionBuilder()
            .WithUrl(_server.BaseUrl + LiveProtocol.HubPath, o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await Assert.ThrowsAnyAsync<Exception>(() => direct.StartAsync());
        await direct.DisposeAsync();
    }

    [Fact]
    public async Task No_token_is_a_guest_and_a_valid_token_of_the_test_signer_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/api/rooms")).StatusCode);
        using var orders = await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/orders", TestSigner.Mint("signed-user")));
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        await using var guest = await _server.ConnectAsync(null);
        await using var user = await _server.ConnectAsync(TestSigner.Mint("hub-user"));
        Assert.Equal(HubConnectionState.Connected, user.Connection.State);
    }

    [Fact]
    public async Task Dev_tokens_and_openapi_are_off_in_production_unless_configured()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Http.PostAsJsonAsync("/api/dev/token", new { userId = "x", role = "host" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("dev/token", StringComparison.OrdinalIgnoreCase));

        var logs = new CapturedLogs();
        await using var enabled = await LiveServer.StartAsync(TestSigner.Settings(new() { ["Auth:DevTokens"] = "true", ["OpenApi:Enabled"] = "true" }), logs.AttachTo);
        Assert.Equal(HttpStatusCode.OK, (await enabled.Http.PostAsJsonAsync("/api/dev/token", new { userId = "x", role = "host" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await enabled.Http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Auth:DevTokens is on"));
    }

    [Fact]
    public async Task A_hub_connection_is_closed_when_its_token_expires()
    {
        var token = TestSigner.Mint("short-lived", expires: DateTime.UtcNow.AddSeconds(3), notBefore: DateTime.UtcNow.AddMinutes(-1));
        await using var client = await _server.ConnectAsync(token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Hygiene;

/// <summary>HTTP refusals: the right code, no framework internals, bounded bodies, URLs and ISO codes checked.</summary>
public sealed class HttpHygieneTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Method_not_allowed_oversized_bodies_and_bad_json_get_their_own_codes()
    {
        var host = _server.Token("hygiene-host", "host");
        var notAllowed = await _server.Http.SendAsync(_server.Request(HttpMethod.Delete, "/api/rooms", host));
        await AssertProblem(notAllowed, HttpStatusCode.MethodNotAllowed, "method_not_allowed");

        var huge = new HttpRequestMessage(HttpMethod.Post, "/api/rooms")
        {
            Content = new StringContent($"{{\"title\":\"{new string('x', 5 * 1024 * 1024)}\"}}", Encoding.UTF8, "application/json"),
            // The answer comes before the body is sent: the server refuses on the declared length without reading it.
            Headers = { Authorization = new("Bearer", host), ExpectContinue = true },
        };
        await AssertProblem(await _server.Http.SendAsync(huge), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        var badJson = new HttpRequestMessage(HttpMethod.Post, "/api/rooms")
        {
            Content = new StringContent("{\"title\": 12, \"sellRegions\": \"US\"}", Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", host) },
        };
        var problem = await AssertProblem(await _server.Http.SendAsync(badJson), HttpStatusCode.BadRequest, "invalid_argument");
        var text = problem.GetRawText();
        Assert.DoesNotContain("LiveCommerce.", text);
        Assert.DoesNotContain("System.", text);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.1:8080/img.png")]
    [InlineData("http://localhost/img.png")]
    [InlineData("http://[::1]/img.png")]
    [InlineData("http://10.0.0.5/img.png")]
    [InlineData("ftp://cdn.example.com/img.png")]
    [InlineData("https://user:pass@cdn.example.com/img.png")]
    public async Task Inward_image_urls_are_refused(string imageUrl)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        var response = await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/products", hostToken,
            new { productId = "img", name = "Img", price = 1m, currency = "USD", stock = 1, imageUrl }));
        await AssertProblem(response, HttpStatusCode.BadRequest, "invalid_argument");
    }

    [Fact]
    public async Task Unknown_currency_and_region_codes_are_refused_and_real_ones_accepted()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        async Task<HttpResponseMessage> Add(string id, string currency) => await _server.Http.SendAsync(_server.Request(HttpMethod.Post,
            $"/api/rooms/{roomId}/products", hostToken, new { productId = id, name = "P", price = 1m, currency, stock = 1, imageUrl = "https://cdn.example.com/p.png" }));
        await AssertProblem(await Add("xyz", "XYZ"), HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(HttpStatusCode.Created, (await Add("eur", "EUR")).StatusCode);

        await AssertProblem(await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", hostToken, new { title = "t", sellRegions = new[] { "ZZ" } })),
            HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(HttpStatusCode.Created, (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", hostToken, new { title = "t", sellRegions = new[] { "DE", "jp" } }))).StatusCode);
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}

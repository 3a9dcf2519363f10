using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Translation;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Translation;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Translation;

/// <summary>A LiveHost translating through a real apertium-apy (English-Spanish), behind a counting proxy.</summary>
public sealed class ApertiumFixture : IAsyncLifetime
{
    public ApertiumServer Apertium { get; private set; } = null!;
    public CountingProxy Proxy { get; private set; } = null!;
    public LiveServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Apertium = await ApertiumServer.StartAsync();
        Proxy = await CountingProxy.StartAsync(Apertium.Url);
        Server = await LiveServer.StartAsync(new Dictionary<string, string>
        {
            ["Translation:Provider"] = "apertium",
            ["Translation:Url"] = Proxy.Url,
            ["Translation:CallsPerWindow"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Proxy.DisposeAsync();
        await Apertium.DisposeAsync();
    }
}

public sealed class TranslationTests(ApertiumFixture fixture) : IClassFixture<ApertiumFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_guest_gets_an_english_comment_in_spanish_and_the_second_call_is_served_from_the_cache()
    {
        var (roomId, hostToken) = await CreateRoomAsync("en");
        await using var host = await Server.ConnectAsync(hostToken);
        var sent = await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "I want this red dress");
        var translateCalls = fixture.Proxy.Count("/translate");

        await using var guest = await Server.ConnectAsync(token: null, protocol: "messagepack");
        await guest.JoinAsync(roomId);
        var first = Assert.Single(await Translate(guest, roomId, [sent.CommentId, "c999999"], "es"));
        Assert.Equal(sent.CommentId, first.CommentId);
        Assert.Equal(("en", "es"), (first.SourceLanguage, first.TargetLanguage));
        Assert.Contains("vestido rojo", first.Text);
        Assert.Equal(translateCalls + 1, fixture.Proxy.Count("/translate"));

        // The same comment again, from another connection: the engine is not asked twice.
        await using var other = await Server.ConnectAsync(token: null);
        var second = Assert.Single(await Translate(other, roomId, [sent.CommentId], "ES"));
        Assert.Equal(first, second);
        Assert.Equal(translateCalls + 1, fixture.Proxy.Count("/translate"));

        // The host's own metrics saw the provider call and the cache hit.
        // The exporter caches a scrape briefly: scrape until the hit shows.
        var metrics = await Eventually.ProbeAsync(async () => new PrometheusText(await Server.Http.GetStringAsync("/metrics")),
            m => (m.Sum("livecommerce_translation_cache_hits_total") ?? 0) >= 1);
        Assert.True(metrics.Sum("livecommerce_translation_cache_hits_total") >= 1, "no translation cache hit recorded");
        Assert.True(metrics.Sum("livecommerce_translation_calls_total", ("livecommerce_outcome", "ok")) >= 1, "no provider call recorded");
    }

    [Fact]
    public async Task A_pair_the_engine_lacks_or_a_bad_call_is_invalid_argument()
    {
        var (roomId, hostToken) = await CreateRoomAsync("en");
        await using var host = await Server.ConnectAsync(hostToken);
        var sent = await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "Hello");
        await using var guest = await Server.ConnectAsync(token: null);

        await HubAssert.FailsWith("invalid_argument", () => Translate(guest, roomId, [sent.CommentId], "fr"));
        await HubAssert.FailsWith("invalid_argument", () => Translate(guest, roomId, [sent.CommentId], "english"));
        await HubAssert.FailsWith("invalid_argument", () => Translate(guest, roomId, [], "es"));
        await HubAssert.FailsWith("invalid_argument", () => Translate(guest, roomId, [.. Enumerable.Range(1, 51).Select(i => $"c{i}")], "es"));
        await HubAssert.FailsWith("not_found", () => Translate(guest, "no-such-room", [sent.CommentId], "es"));
    }

    [Fact]
    public async Task The_languages_endpoint_lists_the_engines_pairs_in_two_letter_codes()
    {
        var pairs = (await Server.Http.GetFromJsonAsync<LanguagePair[]>("/api/translation/languages"))!;
        Assert.Contains(new LanguagePair { SourceLanguage = "en", TargetLanguage = "es" }, pairs);
        Assert.Contains(new LanguagePair { SourceLanguage = "es", TargetLanguage = "en" }, pairs);
        Assert.Equal(pairs.Length, pairs.Distinct().Count());
        var features = (await Server.Http.GetFromJsonAsync<JsonElement>("/api/info")).GetProperty("features").EnumerateArray().Select(f => f.GetString());
        Assert.Contains("translation", features);
    }

    private async Task<(string RoomId, string HostToken)> CreateRoomAsync(string language)
    {
        var hostToken = Server.Token("translating-host", "host");
        var created = await Server.Http.SendAsync(Server.Request(HttpMethod.Post, "/api/rooms", hostToken, new { title = "Global show", language }));
        var roomId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roomId").GetString()!;
        (await Server.Http.SendAsync(Server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/start", hostToken))).EnsureSuccessStatusCode();
        return (roomId, hostToken);
    }

    internal static Task<TranslatedComment[]> Translate(LiveClient client, string roomId, string[] ids, string target) =>
        client.Connection.InvokeAsync<TranslatedComment[]>(HubMethods.TranslateComments, roomId, ids, target);
}

/// <summary>When the engine goes away, translation is <c>unavailable</c> and everything else carries on.</summary>
public sealed class TranslatorDownTests
{
    [Fact]
    public async Task With_apertium_stopped_translation_is_unavailable_and_the_room_still_works()
    {
        await using var apertium = await ApertiumServer.StartAsync();
        await using var server = await LiveServer.StartAsync(new Dictionary<string, string>
        {
            ["Translation:Provider"] = "apertium",
            ["Translation:Url"] = apertium.Url,
        });
        var (roomId, hostToken) = await server.CreateLiveRoomAsync("down-host");
        await using var host = await server.ConnectAsync(hostToken);
        await host.JoinAsync(roomId);
        var before = await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "Good morning");
        Assert.Single(await TranslationTests.Translate(host, roomId, [before.CommentId], "es"));

        apertium.Stop();
        var after = await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "Good night");
        await HubAssert.FailsWith("unavailable", () => TranslationTests.Translate(host, roomId, [after.CommentId], "es"));

        // The rest of the server carries on: comments, snapshots, the room list.
        var third = await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "Still here");
        await host.WaitUntilAsync(c => c.LogAfter(0).Any(e => e.Seq == third.Seq), because: "the comment after the outage reaches the room");
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync($"/api/rooms/{roomId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/rooms")).StatusCode);
    }

    [Fact]
    public async Task With_no_provider_translation_is_unavailable_and_no_language_is_offered()
    {
        await using var server = await LiveServer.StartAsync();
        var (roomId, hostToken) = await server.CreateLiveRoomAsync("none-host");
        await using var host = await server.ConnectAsync(hostToken);
        var sent = await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "Hello");
        await HubAssert.FailsWith("unavailable", () => TranslationTests.Translate(host, roomId, [sent.CommentId], "es"));
        Assert.Empty((await server.Http.GetFromJsonAsync<LanguagePair[]>("/api/translation/languages"))!);
        var features = (await server.Http.GetFromJsonAsync<JsonElement>("/api/info")).GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.DoesNotContain("translation", features);
        Assert.Contains("replay", features);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Cluster.Tests.Infrastructure;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveCommerce.Cluster.Tests;

/// <summary>
/// v1.1 <c>unavailable</c> against a real outage: Redis (grain storage, membership, backplane) is stopped under a
/// running host. Calls that need it answer <c>unavailable</c> (hub) and 503 + Retry-After (HTTP), never a
/// generic error; once Redis is back the host serves again without a restart and nothing acknowledged is lost.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan OutageBound = TimeSpan.FromSeconds(40);
    private LiveCluster _cluster = null!;
    private Watcher? _streamer;

    public async Task InitializeAsync() => _cluster = await LiveCluster.StartAsync(hosts: 1, appendOnly: true);

    [Fact]
    public async Task While_redis_is_down_calls_answer_unavailable_and_afterwards_nothing_acknowledged_is_lost()
    {
        var host = _cluster.Hosts[0];
        var hostToken = await _cluster.TokenAsync("outage-host", "host");
        var roomId = await _cluster.CreateLiveRoomAsync(host, hostToken, ("p1", 10m, 10));
        _streamer = await Watcher.ConnectOnlyAsync("streamer", host, hostToken);
        var acknowledged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await _streamer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"before {i}");
            acknowledged.Add($"before {i}");
        }

        _cluster.Redis.Kill();
        var down = Stopwatch.StartNew();
        // Hub: every answer while Redis is away is either a success (acknowledged: it must survive) or unavailable.
        HubException? refusal = null;
        for (var i = 0; refusal is null; i++)
        {
            Assert.True(down.Elapsed < OutageBound, "a hub call answers unavailable while Redis is down");
            var text = $"during {i}";
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await _streamer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, text, cts.Token);
                acknowledged.Add(text);
            }
            catch (HubException e)
            {
                output.WriteLine($"{down.Elapsed.TotalSeconds:F1} s into the outage: {e.Message}");
                Assert.StartsWith("unavailable: ", e.Message);
                refusal = e;
            }
        }
        // HTTP: a change that needs storage answers 503 with Retry-After and the code.
        HttpResponseMessage? unavailable = null;
        while (unavailable is null)
        {
            Assert.True(down.Elapsed < OutageBound, "an HTTP call answers 503 while Redis is down");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/rooms/{roomId}/products")
            {
                Content = JsonContent.Create(new { productId = $"q{down.ElapsedMilliseconds}", name = "Late", price = 1m, currency = "USD", stock = 1 }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hostToken);
            var response = await host.Http.SendAsync(request);
            output.WriteLine($"{down.Elapsed.TotalSeconds:F1} s into the outage: POST product → {(int)response.StatusCode}");
            if (response.IsSuccessStatusCode) continue;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            unavailable = response;
        }
        Assert.Equal(TimeSpan.FromSeconds(5), unavailable.Headers.RetryAfter?.Delta);
        var problem = await unavailable.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        Assert.Equal("unavailable", problem!["code"].GetString());

        await _cluster.Redis.StartAgainAsync();
        var back = Stopwatch.StartNew();
        // Service resumes without restarting the host: clients retry (with backoff) until it answers.
        SendCommentResult? after = null;
        while (after is null)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                after = await _streamer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "after", cts.Token);
                acknowledged.Add("after");
            }
            catch (Exception e) when (back.Elapsed < TimeSpan.FromSeconds(45) && e is HubException or OperationCanceledException)
            {
                Assert.True(e is not HubException || e.Message.StartsWith("unavailable: ", StringComparison.Ordinal), e.Message);
                await Pace.Backoff(TimeSpan.FromMilliseconds(500));
            }
        }
        output.WriteLine($"served again {back.Elapsed.TotalMilliseconds:F0} ms after Redis was back");

        // Nothing acknowledged is lost: every acknowledged comment is in the room, once, in the log order it was given.
        var snapshot = await LiveCluster.SnapshotAsync(host, roomId);
        var texts = snapshot.RecentComments.Select(c => c.Text).ToList();
        Assert.All(acknowledged, text => Assert.Single(texts, t => t == text));
        Assert.Equal(acknowledged, texts.Where(acknowledged.Contains));
        Assert.False(string.IsNullOrEmpty(snapshot.Epoch));
        Assert.False(host.HasExited);
    }

    public async Task DisposeAsync()
    {
        if (_streamer is not null) await _streamer.DisposeAsync();
        if (_cluster is not null)
        {
            _cluster.WriteLogs(output, 60);
            await _cluster.DisposeAsync();
        }
    }
}

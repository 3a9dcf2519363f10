using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Contracts.Rooms;
using Xunit.Abstractions;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// A real cluster on this machine: one redis-server and N LiveHost processes joined through it, each
/// on its own loopback ports, with a ClusterId of its own.
/// </summary>
public sealed class LiveCluster : IAsyncDisposable
{
    public const string SigningKey = "cluster-tests-signing-key-0123456789abcdef";

    private readonly Dictionary<string, string> _settings;
    private int _started;

    private LiveCluster(RedisServer redis, IDictionary<string, string>? extra)
    {
        Redis = redis;
        ClusterId = "t-" + Guid.NewGuid().ToString("N")[..16];
        _settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:ServiceId"] = ClusterId,
            ["Orleans:ClusterDiagnostics"] = "true",
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:DevTokens"] = "true",
            ["Demo:SeedRoom"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:LogLevel:LiveCommerce"] = "Information",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) _settings[key] = value;
    }

    public RedisServer Redis { get; }
    public string ClusterId { get; }
    public List<LiveHostProcess> Hosts { get; } = [];
    public IEnumerable<LiveHostProcess> Alive => Hosts.Where(h => !h.HasExited);

    public static async Task<LiveCluster> StartAsync(int hosts, bool appendOnly = false, IDictionary<string, string>? settings = null)
    {
        var redis = await RedisServer.StartAsync(appendOnly);
        var cluster = new LiveCluster(redis, settings);
        try
        {
            for (var i = 0; i < hosts; i++) cluster.StartHost();
            await Task.WhenAll(cluster.Hosts.Select(h => h.WaitReadyAsync()));
            await cluster.WaitForActiveSilosAsync(hosts, TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more host of this cluster (not waited for).</summary>
    public LiveHostProcess StartHost()
    {
        var host = LiveHostProcess.Start($"host{++_started}", _settings);
        Hosts.Add(host);
        return host;
    }

    /// <summary>Waits until every live host sees exactly <paramref name="count"/> active silos.</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        var last = await Eventually.ProbeAsync(async () =>
        {
            try
            {
                var views = await Task.WhenAll(Alive.Select(h => h.ClusterAsync()));
                return views.All(v => v.ActiveSilos == count) ? null : string.Join("; ", views.Select(v => $"{v.Self.SiloPort} sees {v.ActiveSilos} active"));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return e.Message;
            }
        }, problem => problem is null, timeout, TimeSpan.FromMilliseconds(250));
        if (last is null) return;
        throw new TimeoutException($"the cluster did not settle on {count} active silos: {last}");
    }

    /// <summary>The hosts on which the room's grain and (when given) the sale's grain are active now (null: nowhere).</summary>
    public async Task<(LiveHostProcess? Room, LiveHostProcess? Sale)> WhereAsync(string roomId, string? saleId = null)
    {
        var view = await Alive.First().ClusterAsync(roomId, saleId);
        LiveHostProcess? Host(SiloView[]? active, string what)
        {
            active ??= [];
            if (active.Length > 1) throw new InvalidOperationException($"{what} is active on {active.Length} silos");
            return active.Length == 0 ? null : Hosts.Single(h => h.SiloPort == active[0].SiloPort);
        }
        return (Host(view.RoomActiveOn, $"room {roomId}"), Host(view.SaleActiveOn, $"sale {saleId}"));
    }

    public async Task<string> TokenAsync(string userId, string role = "viewer", string? region = null)
    {
        using var response = await Alive.First().Http.PostAsJsonAsync("/api/dev/token", new { userId, role, name = userId, region });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["token"];
    }

    /// <summary>Creates a live room through <paramref name="via"/>, with products (id, price, stock).</summary>
    public async Task<string> CreateLiveRoomAsync(LiveHostProcess via, string hostToken, params (string Id, decimal Price, int Stock)[] products)
    {
        var room = await SendAsync<Room>(via, HttpMethod.Post, "/api/rooms", hostToken, new { title = "Cluster test stream" });
        foreach (var (id, price, stock) in products)
            await SendAsync<Product>(via, HttpMethod.Post, $"/api/rooms/{room.RoomId}/products", hostToken,
                new { productId = id, name = $"Product {id}", price, currency = "USD", stock });
        await SendAsync<Room>(via, HttpMethod.Post, $"/api/rooms/{room.RoomId}/start", hostToken, null);
        return room.RoomId;
    }

    public static async Task<T> SendAsync<T>(LiveHostProcess via, HttpMethod method, string path, string? token, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await via.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path} on {via.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public static async Task<RoomSnapshot> SnapshotAsync(LiveHostProcess via, string roomId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return (await via.Http.GetFromJsonAsync<RoomSnapshot>($"/api/rooms/{roomId}", cts.Token))!;
    }

    /// <summary>Writes the tail of every process's output to the test output (shown when a test fails).</summary>
    public void WriteLogs(ITestOutputHelper output, int lines = 80)
    {
        foreach (var host in Hosts)
        {
            output.WriteLine($"----- {host} {(host.HasExited ? $"exited {host.ExitCode}" : "running")} -----");
            output.WriteLine(host.Log.Tail(lines));
        }
        output.WriteLine($"----- redis-server :{Redis.Port} -----");
        output.WriteLine(Redis.Log.Tail(20));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts) await host.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// A buyer as a careful client: every purchase attempt has an idempotency key, and an attempt whose
/// answer was lost (host died, room unavailable) is retried with the same key, on another host if need be,
/// until the server gives a definite answer.
/// </summary>
public sealed class Buyer(string userId, string token, string roomId, Func<LiveHostProcess> nextHost) : IAsyncDisposable
{
    private HubConnection? _connection;

    public string UserId { get; } = userId;
    public LiveHostProcess? Host { get; private set; }
    /// <summary>Definite answers by idempotency key.</summary>
    public Dictionary<string, PurchaseResult> Answers { get; } = [];
    public int Retries { get; private set; }
    /// <summary>Every attempt and how it ended, for failure messages.</summary>
    public List<string> Journal { get; } = [];
    public int Reconnects { get; private set; }

    public async Task ConnectAsync(LiveHostProcess host)
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
        var connection = new HubConnectionBuilder()
            .WithUrl(host.BaseUrl + LiveProtocol.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await connection.StartAsync(cts.Token);
        _connection = connection;
        Host = host;
    }

    /// <summary>Buys with one key until a definite answer comes back (or <paramref name="timeout"/> passes).</summary>
    public async Task<PurchaseResult> BuyAsync(string saleId, int quantity, string key, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (_connection is not { State: HubConnectionState.Connected })
                {
                    Reconnects++;
                    await ConnectAsync(Host is { HasExited: false, Stopping: false } same ? same : nextHost());
                }
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var result = await _connection!.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, quantity, key, cts.Token);
                Answers[key] = result;
                Journal.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {key} via {Host?.Name}: {result.Status} {result.OrderId}");
                return result;
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow < deadline)
            {
                Journal.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {key} via {Host?.Name}: {e.GetType().Name} {e.Message[..Math.Min(e.Message.Length, 120)]}");
                Retries++;
                await Pace.Backoff(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>
    /// A failure that says nothing about the purchase: the call did not reach the sale, its answer was lost,
    /// or the server said <c>unavailable</c> (retryable by the protocol, e.g. a host shutting down).
    /// </summary>
    private static bool IsTransient(Exception e) =>
        e is not HubException hub || hub.Message.StartsWith("unavailable: ", StringComparison.Ordinal)
        || !System.Text.RegularExpressions.Regex.IsMatch(hub.Message, "^[a-z_]+: ");

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveCommerce.Contracts.Protocol;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>
/// Hub clients written by hand so that they can misbehave: each joins a room with the JSON protocol, sees
/// its join answered, and then stops reading.
/// </summary>
public static class StalledClients
{
    private const char Separator = '\u001e';
    private static readonly string Handshake = "{\"protocol\":\"json\",\"version\":1}" + Separator;

    private static string Join(string roomId) =>
        JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = HubMethods.JoinRoom, arguments = new[] { roomId } }) + Separator;

    /// <summary>A long-polling client that stops polling. <see cref="IsGone"/> asks the server whether it still exists.</summary>
    public sealed class LongPolling(HttpClient http, string id)
    {
        public static async Task<LongPolling> JoinAsync(string baseUrl, string roomId)
        {
            var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            using var negotiate = await http.PostAsync($"{LiveProtocol.HubPath}/negotiate?negotiateVersion=1", null);
            negotiate.EnsureSuccessStatusCode();
            var id = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString()!;
            var client = new LongPolling(http, id);
            await client.PostAsync(Handshake);
            await client.PostAsync(Join(roomId));
            await client.PollUntilAsync("\"invocationId\":\"1\"");
            return client;
        }

        private async Task PostAsync(string body) =>
            (await http.PostAsync($"{LiveProtocol.HubPath}?id={id}", new StringContent(body, Encoding.UTF8))).EnsureSuccessStatusCode();

        private async Task PollUntilAsync(string marker)
        {
            var seen = new StringBuilder();
            for (var i = 0; i < 20 && !seen.ToString().Contains(marker); i++)
                seen.Append(await http.GetStringAsync($"{LiveProtocol.HubPath}?id={id}"));
            if (!seen.ToString().Contains(marker)) throw new InvalidOperationException("the join was never answered");
        }

        /// <summary>A connection the server dropped answers a poll with 404 (or 204 once closed).</summary>
        public async Task<bool> IsGone()
        {
            using var poll = await http.GetAsync($"{LiveProtocol.HubPath}?id={id}", HttpCompletionOption.ResponseHeadersRead);
            return poll.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.NoContent;
        }
    }

    /// <summary>A WebSocket client on a socket with a tiny receive buffer that stops reading after its join.</summary>
    public sealed class WebSocketReader(Socket socket, WebSocket webSocket) : IAsyncDisposable
    {
        public static async Task<WebSocketReader> JoinAsync(string baseUrl, string roomId)
        {
            var uri = new Uri(baseUrl);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 2048 };
            await socket.ConnectAsync(uri.Host, uri.Port);
            var stream = new NetworkStream(socket, ownsSocket: false);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var upgrade = $"GET {LiveProtocol.HubPath} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                          $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(upgrade));
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 4096)
            {
                if (await stream.ReadAsync(one) == 0) throw new IOException("closed during the upgrade");
                head.Append((char)one[0]);
            }
            if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) throw new IOException(head.ToString());
            var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = Timeout.InfiniteTimeSpan });
            await ws.SendAsync(Encoding.UTF8.GetBytes(Handshake), WebSocketMessageType.Text, true, CancellationToken.None);
            await ws.SendAsync(Encoding.UTF8.GetBytes(Join(roomId)), WebSocketMessageType.Text, true, CancellationToken.None);
            var seen = new StringBuilder();
            var buffer = new byte[64 * 1024];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!seen.ToString().Contains("\"invocationId\":\"1\""))
            {
                var read = await ws.ReceiveAsync(buffer, timeout.Token);
                seen.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            }
            return new WebSocketReader(socket, ws);
        }

        public ValueTask DisposeAsync()
        {
            webSocket.Abort();
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

using System.Runtime.InteropServices;
using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Connection;
using LiveCommerce.Client.Output;

namespace LiveCommerce.Client.Commands;

/// <summary>
/// What every subcommand runs with: the HTTP API with the caller's token, the (not yet started) hub connection,
/// and one stop signal that Ctrl+C, <c>q</c>, --seconds and a lost connection all trigger.
/// </summary>
public sealed class ClientContext : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration[] _signals;

    private ClientContext(ClientSettings settings, HttpClient http, string? token, CancellationToken cancel)
    {
        Settings = settings;
        _http = http;
        Api = new RoomsApi(http, token);
        Connection = new LiveConnection(settings, token);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (settings.Seconds is { } seconds) _stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        // Ctrl+C and SIGTERM end the session the same way as q: leave the room, remember the seq, exit 0.
        _signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            Quit();
        }))];
    }

    public ClientSettings Settings { get; }
    public RoomsApi Api { get; }
    public LiveConnection Connection { get; }

    public CancellationToken Stopping => _stop.Token;

    public void Quit() => _stop.Cancel();

    /// <summary>Gets the token (printing why not, and returning null, when that fails).</summary>
    public static async Task<ClientContext?> OpenAsync(ClientSettings settings, string defaultRole, CancellationToken cancel)
    {
        var http = new HttpClient { BaseAddress = settings.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var token = await DevTokens.ResolveAsync(settings, http, defaultRole, cancel);
            return new ClientContext(settings, http, token, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            Out.Error(e);
            http.Dispose();
            return null;
        }
    }

    public async Task<bool> ConnectAsync()
    {
        try
        {
            await Connection.StartAsync(Stopping);
            Out.Note($"connected to {Settings.HubUrl} as {Settings.Identity} ({Settings.Protocol})");
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !Stopping.IsCancellationRequested)
        {
            Out.Error(e);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var signal in _signals) signal.Dispose();
        await Connection.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}

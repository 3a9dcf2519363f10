using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveCommerce.Browser.Tests.Infrastructure;

/// <summary>
/// One real LiveHost (Kestrel + silo + hub + the built pages, with the seeded demo room) and one Debian
/// Chromium for the whole browser suite; each test opens its own browser contexts (separate users).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private ApertiumServer? _apertium;
    private readonly Dictionary<string, bool> _probed = [];

    public LiveServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public ConnectionKiller Killer { get; } = new();
    public string[] Features { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // A real translator (Apertium, English-Spanish) behind the one-click comment translation.
        _apertium = await ApertiumServer.StartAsync();
        Server = await LiveServer.StartAsync(
            new Dictionary<string, string>
            {
                ["Demo:SeedRoom"] = "true",
                ["Translation:Provider"] = "apertium",
                ["Translation:Url"] = _apertium.Url,
                // The comment-storm test sends 200 comments/s from one host connection.
                ["Limits:HubTokensPerSecond"] = "2000",
                ["Limits:HubBurst"] = "2000",
                ["Limits:CommentsAcrossRooms"] = "100000",
            },
            builder =>
            {
                builder.Services.AddSingleton(Killer);
                builder.Services.Configure<HubOptions>(o => o.AddFilter(Killer));
            });
        await WaitForDemoRoomAsync();
        Features = await ReadFeaturesAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>
    /// Whether the server speaks a v1.1 feature: from <c>GET /api/info</c> when it answers, else by asking the hub
    /// for one of the feature's methods (an unknown method is the only refusal that means "no").
    /// </summary>
    public async Task<bool> SupportsAsync(string feature, string hubMethod, params object?[] args)
    {
        if (Features.Length > 0) return Features.Contains(feature, StringComparer.OrdinalIgnoreCase);
        if (_probed.TryGetValue(hubMethod, out var known)) return known;
        await using var probe = await Server.ConnectAsync(null);
        try
        {
            await probe.Connection.InvokeCoreAsync(hubMethod, typeof(object), args);
            known = true;
        }
        catch (Microsoft.AspNetCore.SignalR.HubException e)
        {
            known = !e.Message.Contains("Unknown hub method", StringComparison.OrdinalIgnoreCase)
                && !e.Message.Contains("has no method", StringComparison.OrdinalIgnoreCase);
        }
        return _probed[hubMethod] = known;
    }

    /// <summary>A browser context for one user (a guest when <paramref name="userId"/> is null), phone-sized by default.</summary>
    public async Task<IPage> OpenAsync(string path, string? userId = null, string role = "viewer", string? region = null, bool phone = true, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Server.BaseUrl,
            Locale = locale,
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
        });
        if (userId is not null)
        {
            var token = Server.Token(userId, role, region);
            await context.AddInitScriptAsync($"localStorage.setItem('lc.identity', {JsonSerializer.Serialize(token)});");
        }
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>Saves a screenshot into the repository's docs/screenshots (found from the test's folder), for the README.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveCommerce.sln"))) dir = dir.Parent;
        if (dir is null) return;
        var target = Path.Combine(dir.FullName, "docs", "screenshots");
        Directory.CreateDirectory(target);
        await page.ScreenshotAsync(new() { Path = Path.Combine(target, name + ".png"), FullPage = false });
    }

    /// <summary>The host seeds the demo room in the background after it starts: poll for it.</summary>
    private Task WaitForDemoRoomAsync() => Eventually.UntilAsync(async () =>
    {
        using var response = await Server.Http.GetAsync("/api/rooms/demo");
        if (!response.IsSuccessStatusCode) return false;
        var snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();
        return snapshot.GetProperty("pinned").ValueKind == JsonValueKind.Object;
    }, "the demo room seeded", TimeSpan.FromSeconds(30));

    private async Task<string[]> ReadFeaturesAsync()
    {
        var response = await Server.Http.GetAsync("/api/info");
        if (!response.IsSuccessStatusCode) return [];
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        return info.TryGetProperty("features", out var features) ? [.. features.EnumerateArray().Select(f => f.GetString()!)] : [];
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        if (_apertium is not null) await _apertium.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

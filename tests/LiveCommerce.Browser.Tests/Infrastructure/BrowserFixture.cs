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

    public LiveServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public ConnectionKiller Killer { get; } = new();
    public string[] Features { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Server = await LiveServer.StartAsync(
            new Dictionary<string, string> { ["Demo:SeedRoom"] = "true" },
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

    public bool Supports(string feature) => Features.Contains(feature, StringComparer.OrdinalIgnoreCase);

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

    private async Task WaitForDemoRoomAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var response = await Server.Http.GetAsync("/api/rooms/demo");
            if (response.IsSuccessStatusCode)
            {
                var snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (snapshot.GetProperty("pinned").ValueKind == JsonValueKind.Object) return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the demo room was not seeded within 30 s");
    }

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
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

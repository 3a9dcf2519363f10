using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP proxy in front of a real server that counts the requests per path, so that a test
/// sees exactly what reached the server behind it. An unreachable upstream drops the connection, as
/// the upstream itself would.
/// </summary>
public sealed class CountingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private CountingProxy(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public int Count(string path) => _counts.GetValueOrDefault(path);

    public static async Task<CountingProxy> StartAsync(string upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var proxy = new CountingProxy(app);
        var client = new HttpClient { BaseAddress = new Uri(upstream), Timeout = TimeSpan.FromSeconds(30) };
        app.Run(async context =>
        {
            proxy._counts.AddOrUpdate(context.Request.Path, 1, (_, n) => n + 1);
            using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
            if (context.Request.ContentLength > 0 || context.Request.ContentType is not null)
            {
                forward.Content = new StreamContent(context.Request.Body);
                if (context.Request.ContentType is { } type) forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            try
            {
                using var response = await client.SendAsync(forward, context.RequestAborted);
                context.Response.StatusCode = (int)response.StatusCode;
                if (response.Content.Headers.ContentType is { } contentType) context.Response.ContentType = contentType.ToString();
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
            catch (HttpRequestException)
            {
                context.Abort();
            }
        });
        await app.StartAsync();
        proxy.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

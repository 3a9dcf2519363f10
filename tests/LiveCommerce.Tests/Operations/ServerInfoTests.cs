using System.Net.Http.Json;
using LiveCommerce.LiveHost.Info;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Tests.Operations;

/// <summary><c>GET /api/info</c> (PROTOCOL.md v1.1): name, version, protocol and only the features that are on.</summary>
public sealed class ServerInfoTests
{
    [Fact]
    public async Task Info_lists_the_protocol_version_and_only_the_features_that_are_enabled()
    {
        await using var server = await LiveServer.StartAsync(configure: builder => builder.Services
            .AddServerFeature("heartbeat")
            .AddServerFeature("translation", _ => false)
            .AddServerFeature("auctions", sp => sp.GetService<LiveServer>() is null));

        var info = await server.Http.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>("/api/info");

        Assert.Equal("LiveCommerce", info!["name"].GetString());
        Assert.Equal("1.1", info["protocol"].GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", info["version"].GetString());
        var features = info["features"].EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("auctions", features);
        Assert.Contains("heartbeat", features);
        Assert.DoesNotContain("translation", features); // registered off (and no provider configured)
        Assert.Equal(features.Distinct().Order(StringComparer.Ordinal), features); // once each, sorted
    }

    [Fact]
    public void A_feature_name_outside_the_protocol_is_refused_at_start()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddServerFeature("auction"));
        Assert.Contains("'auction' is not a feature name", error.Message);
    }
}

using StackExchange.Redis;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>One place that turns <c>ConnectionStrings:Redis</c> into client options.</summary>
public static class RedisConfig
{
    /// <summary>
    /// Client options for every Redis user of the host (Orleans clustering, grain storage, reminders, the
    /// SignalR backplane): never give up on a Redis that restarts, and reconnect within about a second
    /// once it is back.
    /// </summary>
    public static ConfigurationOptions Parse(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Keep retrying while Redis restarts instead of failing the host (start-up checks reachability itself).
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy ??= new ExponentialRetry(deltaBackOffMilliseconds: 100, maxDeltaBackOffMilliseconds: 1_000);
        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 3_000;
        if (!connectionString.Contains("keepAlive", StringComparison.OrdinalIgnoreCase)) options.KeepAlive = 5;
        return options;
    }

    /// <summary>The endpoints of a connection string, for messages ("127.0.0.1:6379").</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var endpoints = ConfigurationOptions.Parse(connectionString).EndPoints;
            return endpoints.Count == 0 ? connectionString : string.Join(", ", endpoints.Select(EndPointCollection.ToString));
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }
}

using StackExchange.Redis;

namespace LiveCommerce.Hosting;

/// <summary>One place that turns <c>ConnectionStrings:Redis</c> into client options.</summary>
public static class RedisConfig
{
    public static ConfigurationOptions Parse(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Keep retrying while Redis restarts instead of failing the host.
        options.AbortOnConnectFail = false;
        return options;
    }
}

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>
/// The environment the host runs as. <c>launchSettings.json</c> sets its variables over the caller's, so
/// the launch profile names a fallback (<c>LIVECOMMERCE_DEFAULT_ENVIRONMENT</c>) instead of
/// <c>ASPNETCORE_ENVIRONMENT</c>: <c>dotnet run</c> gives Development, and an explicit
/// <c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c> or <c>--environment</c> always wins.
/// </summary>
public static class LaunchEnvironment
{
    public const string FallbackVariable = "LIVECOMMERCE_DEFAULT_ENVIRONMENT";

    /// <summary>The fallback environment to impose, or null when the caller chose one (or none is set).</summary>
    public static string? Fallback(Func<string, string?> variable, IReadOnlyList<string> args)
    {
        if (!string.IsNullOrEmpty(variable("ASPNETCORE_ENVIRONMENT")) || !string.IsNullOrEmpty(variable("DOTNET_ENVIRONMENT"))) return null;
        if (args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase))) return null;
        var fallback = variable(FallbackVariable);
        return string.IsNullOrEmpty(fallback) ? null : fallback;
    }

    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        EnvironmentName = Fallback(Environment.GetEnvironmentVariable, args),
    };
}

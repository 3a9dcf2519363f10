namespace LiveCommerce.LiveHost.Info;

/// <summary>
/// One optional capability of PROTOCOL.md v1.1 (<c>auctions</c>, <c>translation</c>, ...) that this
/// server may offer. Each feature registers itself where it is set up, with the condition under which it
/// is on (its options enabled, a provider configured), so <c>/api/info</c> lists exactly what works.
/// </summary>
public sealed record ServerFeature(string Name, Func<IServiceProvider, bool> IsEnabled);

public static class ServerFeatures
{
    /// <summary>The names PROTOCOL.md v1.1 defines for <c>features</c>.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "auctions", "giveaways", "coupons", "preheat", "commentToBuy", "translation",
        "affiliates", "vouchers", "replay", "moderators", "shadowBan", "heartbeat",
    };

    /// <summary>
    /// Declares a feature of PROTOCOL.md v1.1, listed by <c>/api/info</c> while <paramref name="isEnabled"/>
    /// holds (always, when null), e.g. <c>services.AddServerFeature("translation", sp =&gt;
    /// sp.GetRequiredService&lt;IOptions&lt;TranslationOptions&gt;&gt;().Value.Provider is not null)</c>.
    /// </summary>
    public static IServiceCollection AddServerFeature(this IServiceCollection services, string name, Func<IServiceProvider, bool>? isEnabled = null)
    {
        if (!Known.Contains(name))
            throw new ArgumentException($"'{name}' is not a feature name of PROTOCOL.md v1.1 ({string.Join(", ", Known)})", nameof(name));
        services.AddSingleton(new ServerFeature(name, isEnabled ?? (_ => true)));
        return services;
    }

    /// <summary>The features on in this host, in a stable order.</summary>
    public static string[] Enabled(IServiceProvider services) =>
        [.. services.GetServices<ServerFeature>().Where(f => f.IsEnabled(services)).Select(f => f.Name).Distinct().Order(StringComparer.Ordinal)];
}

using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.LiveHost.Translation;

public enum TranslationProvider
{
    /// <summary>No translation: <c>TranslateComments</c> answers <c>unavailable</c>.</summary>
    None,
    /// <summary>An Apertium APY server (free, offline; Debian package apertium-apy).</summary>
    Apertium,
    /// <summary>A LibreTranslate server.</summary>
    LibreTranslate,
}

/// <summary>Configuration section <c>Translation</c>: which engine translates comments, and how hard it may be used.</summary>
public sealed class TranslationOptions : IValidatableObject
{
    public const string Section = "Translation";

    /// <summary><c>apertium</c>, <c>libretranslate</c> or <c>none</c>.</summary>
    public TranslationProvider Provider { get; set; } = TranslationProvider.None;

    /// <summary>The provider's base URL (APY's default port is 2737).</summary>
    public string Url { get; set; } = "http://127.0.0.1:2737";

    /// <summary>LibreTranslate's API key, when the server asks for one.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>TranslateComments</c> calls one connection may make per <see cref="WindowSeconds"/>.</summary>
    [Range(1, 10_000)] public int CallsPerWindow { get; set; } = 10;

    [Range(1, 3_600)] public int WindowSeconds { get; set; } = 10;

    /// <summary>How long a translation stays cached (per comment and target language).</summary>
    [Range(1, 7 * 24 * 60)] public int CacheMinutes { get; set; } = 24 * 60;

    /// <summary>Longest wait for one provider request; retries and the circuit breaker build on it.</summary>
    [Range(1, 60)] public int AttemptTimeoutSeconds { get; set; } = 5;

    public bool Enabled => Provider != TranslationProvider.None;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult($"Translation:Url must be an absolute http(s) URL of the {Provider} server, not '{Url}'.", [nameof(Url)]);
    }
}

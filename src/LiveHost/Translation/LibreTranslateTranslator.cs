using System.Net;
using System.Text.Json.Serialization;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Translation;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Translation;

/// <summary>
/// A LibreTranslate server: <c>GET /languages</c> and <c>POST /translate</c>. It speaks two-letter codes
/// already and detects the source language itself (<c>source: auto</c>) when the room has none.
/// </summary>
public sealed class LibreTranslateTranslator(IHttpClientFactory clients, IOptions<TranslationOptions> options) : ITranslator
{
    private const string Provider = "libretranslate";

    private HttpClient Client => clients.CreateClient(TranslationSetup.HttpClientName);

    public async Task<LanguagePair[]> GetPairsAsync(CancellationToken cancellationToken)
    {
        var languages = await ProviderCall.RunAsync(Provider, async () =>
        {
            using var response = await Client.GetAsync("languages", cancellationToken);
            if (!response.IsSuccessStatusCode) throw ProviderCall.Failed(Provider, response);
            return await response.Content.ReadFromJsonAsync<Language[]>(cancellationToken);
        }, cancellationToken);
        return [.. (languages ?? [])
            .Where(l => LanguageCodes.Base(l.Code) == l.Code)
            .SelectMany(l => (l.Targets ?? []).Where(t => t != l.Code && LanguageCodes.Base(t) == t)
                .Select(t => new LanguagePair { SourceLanguage = l.Code, TargetLanguage = t }))];
    }

    public async Task<Translated> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var body = await ProviderCall.RunAsync(Provider, async () =>
        {
            using var response = await Client.PostAsJsonAsync("translate", new TranslateRequest(text, sourceLanguage ?? "auto", targetLanguage, "text", options.Value.ApiKey), cancellationToken);
            // 400: a language it does not have; anything else (a refused key, overload) is the server's trouble.
            if (response.StatusCode == HttpStatusCode.BadRequest)
                throw LiveCommerceException.Invalid($"the translator cannot translate '{sourceLanguage ?? "auto"}' into '{targetLanguage}'");
            if (!response.IsSuccessStatusCode) throw ProviderCall.Failed(Provider, response);
            return await response.Content.ReadFromJsonAsync<TranslateResponse>(cancellationToken);
        }, cancellationToken);
        if (body?.TranslatedText is not { } translated) throw LiveCommerceException.Unavailable("the translator (libretranslate) answered without a translation");
        var source = sourceLanguage ?? LanguageCodes.Base(body.DetectedLanguage?.Language) ?? "und";
        return new Translated(translated.Trim(), source);
    }

    private sealed record Language(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("targets")] string[]? Targets);

    private sealed record TranslateRequest(
        [property: JsonPropertyName("q")] string Q,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("api_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiKey);

    private sealed record TranslateResponse(
        [property: JsonPropertyName("translatedText")] string? TranslatedText,
        [property: JsonPropertyName("detectedLanguage")] DetectedLanguage? DetectedLanguage);

    private sealed record DetectedLanguage([property: JsonPropertyName("language")] string? Language);
}

using System.Net;
using System.Text.Json.Serialization;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Translation;

namespace LiveCommerce.LiveHost.Translation;

/// <summary>
/// An Apertium APY server: <c>GET /listPairs</c> and <c>POST /translate</c> with <c>langpair=eng|spa</c>.
/// APY speaks ISO 639-3 codes, some with a variant (<c>eng_US</c>); the protocol's two-letter codes map
/// to the plain pair when there is one, else to its first variant.
/// </summary>
public sealed class ApertiumTranslator(IHttpClientFactory clients, TimeProvider time) : ITranslator
{
    private const string Provider = "apertium";
    // Pairs change only when someone installs a package: ask APY again after this long.
    private static readonly TimeSpan PairsLifetime = TimeSpan.FromMinutes(1);
    private (DateTimeOffset At, Dictionary<(string Source, string Target), string> Pairs)? _pairs;

    private HttpClient Client => clients.CreateClient(TranslationSetup.HttpClientName);

    public async Task<LanguagePair[]> GetPairsAsync(CancellationToken cancellationToken) =>
        [.. (await NativePairsAsync(cancellationToken)).Keys.Select(k => new LanguagePair { SourceLanguage = k.Source, TargetLanguage = k.Target })];

    public async Task<Translated> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var pairs = await NativePairsAsync(cancellationToken);
        // APY has no reliable detection: with no room language, take the one source it can translate into the target.
        var source = sourceLanguage ?? pairs.Keys.Where(k => k.Target == targetLanguage).Select(k => k.Source).Distinct().SingleOrDefault()
            ?? throw LiveCommerceException.Invalid($"the room has no language and several (or no) languages translate into '{targetLanguage}'");
        if (!pairs.TryGetValue((source, targetLanguage), out var native))
            throw LiveCommerceException.Invalid($"the translator cannot translate '{source}' into '{targetLanguage}'");

        var translated = await ProviderCall.RunAsync(Provider, async () =>
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["langpair"] = native,
                ["q"] = text,
                ["markUnknown"] = "no",
            });
            using var response = await Client.PostAsync("translate", form, cancellationToken);
            // APY answers 400 for a pair it does not have (installed pairs can change under it).
            if (response.StatusCode == HttpStatusCode.BadRequest)
                throw LiveCommerceException.Invalid($"the translator cannot translate '{source}' into '{targetLanguage}'");
            if (!response.IsSuccessStatusCode) throw ProviderCall.Failed(Provider, response);
            var body = await response.Content.ReadFromJsonAsync<TranslateResponse>(cancellationToken);
            return body?.ResponseData?.TranslatedText ?? throw ProviderCall.Failed(Provider, response);
        }, cancellationToken);
        return new Translated(translated.Trim(), source);
    }

    /// <summary>ISO 639-1 pair → APY's <c>langpair</c>.</summary>
    private async Task<Dictionary<(string Source, string Target), string>> NativePairsAsync(CancellationToken cancellationToken)
    {
        if (_pairs is { } known && time.GetUtcNow() - known.At < PairsLifetime) return known.Pairs;
        var body = await ProviderCall.RunAsync(Provider, async () =>
        {
            using var response = await Client.GetAsync("listPairs", cancellationToken);
            if (!response.IsSuccessStatusCode) throw ProviderCall.Failed(Provider, response);
            return await response.Content.ReadFromJsonAsync<ListPairsResponse>(cancellationToken);
        }, cancellationToken);

        var pairs = new Dictionary<(string, string), string>();
        // Plain codes first, so that eng wins over eng_US for "en".
        foreach (var pair in (body?.ResponseData ?? []).OrderBy(p => p.SourceLanguage.Contains('_') || p.TargetLanguage.Contains('_')))
        {
            if (LanguageCodes.Iso1(pair.SourceLanguage) is not { } source || LanguageCodes.Iso1(pair.TargetLanguage) is not { } target) continue;
            pairs.TryAdd((source, target), $"{pair.SourceLanguage}|{pair.TargetLanguage}");
        }
        _pairs = (time.GetUtcNow(), pairs);
        return pairs;
    }

    private sealed record ListPairsResponse([property: JsonPropertyName("responseData")] NativePair[]? ResponseData);

    private sealed record NativePair(
        [property: JsonPropertyName("sourceLanguage")] string SourceLanguage,
        [property: JsonPropertyName("targetLanguage")] string TargetLanguage);

    private sealed record TranslateResponse([property: JsonPropertyName("responseData")] TranslateData? ResponseData);

    private sealed record TranslateData([property: JsonPropertyName("translatedText")] string? TranslatedText);
}

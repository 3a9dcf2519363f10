using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Translation;

namespace LiveCommerce.LiveHost.Translation;

/// <summary><c>Translation:Provider = none</c>: no pairs, and every translation is <c>unavailable</c>.</summary>
public sealed class DisabledTranslator : ITranslator
{
    public Task<LanguagePair[]> GetPairsAsync(CancellationToken cancellationToken) => Task.FromResult<LanguagePair[]>([]);

    public Task<Translated> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken) =>
        throw LiveCommerceException.Unavailable("comment translation is not enabled on this server (Translation:Provider is none)");
}

using LiveCommerce.Contracts.Translation;

namespace LiveCommerce.LiveHost.Translation;

/// <summary>
/// A machine translation engine. Languages are ISO 639-1 codes (<c>en</c>, <c>es</c>); each provider maps
/// them to its own. Failures are <see cref="Contracts.Errors.LiveCommerceException"/>s: <c>unavailable</c> when the
/// engine cannot be reached, <c>invalid_argument</c> for a pair it does not offer.
/// </summary>
public interface ITranslator
{
    /// <summary>The pairs the engine offers now.</summary>
    Task<LanguagePair[]> GetPairsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Translates <paramref name="text"/>; with no <paramref name="sourceLanguage"/> the engine finds it.
    /// Returns the text and the source language used.
    /// </summary>
    Task<Translated> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken);
}

/// <summary>A translation and the language it was translated from.</summary>
public sealed record Translated(string Text, string SourceLanguage);

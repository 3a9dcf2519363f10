using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Translation;

/// <summary>One item of the <c>TranslateComments</c> result. Languages are ISO 639-1 codes.</summary>
[GenerateSerializer, Immutable, Alias("TranslatedComment"), DataContract]
public sealed record TranslatedComment
{
    [Id(0), DataMember(Name = "commentId")] public required string CommentId { get; init; }
    [Id(1), DataMember(Name = "text")] public required string Text { get; init; }
    [Id(2), DataMember(Name = "sourceLanguage")] public required string SourceLanguage { get; init; }
    [Id(3), DataMember(Name = "targetLanguage")] public required string TargetLanguage { get; init; }
}

/// <summary>A language pair the configured translator offers (<c>GET /api/translation/languages</c>).</summary>
[GenerateSerializer, Immutable, Alias("LanguagePair"), DataContract]
public sealed record LanguagePair
{
    [Id(0), DataMember(Name = "sourceLanguage")] public required string SourceLanguage { get; init; }
    [Id(1), DataMember(Name = "targetLanguage")] public required string TargetLanguage { get; init; }
}

using LiveCommerce.Contracts.Translation;
using LiveCommerce.LiveHost.Translation;
using Microsoft.AspNetCore.Mvc;

namespace LiveCommerce.LiveHost.Realtime;

// One-click comment translation (PROTOCOL.md v1.1): anyone in the room, guests too.
public sealed partial class LiveHub
{
    public Task<TranslatedComment[]> TranslateComments(string roomId, string[] commentIds, string targetLanguage, [FromServices] CommentTranslator translator) =>
        translator.TranslateAsync(Context.ConnectionId, roomId, commentIds, targetLanguage, Context.ConnectionAborted);
}

namespace LiveCommerce.Contracts.Protocol;

// Moderation per room (PROTOCOL.md v1.1).
public static partial class HubMethods
{
    public const string AddModerator = nameof(AddModerator);
    public const string RemoveModerator = nameof(RemoveModerator);
    public const string SetBlockedWords = nameof(SetBlockedWords);
    public const string ShadowBan = nameof(ShadowBan);
}

using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Moderation;

/// <summary><c>action</c> of a moderation log entry: the hub method's name, camelCase (docs/protocol.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModerationAction>))]
public enum ModerationAction
{
    [EnumMember(Value = "deleteComment"), JsonStringEnumMemberName("deleteComment")] DeleteComment,
    [EnumMember(Value = "muteUser"), JsonStringEnumMemberName("muteUser")] MuteUser,
    [EnumMember(Value = "unmuteUser"), JsonStringEnumMemberName("unmuteUser")] UnmuteUser,
    [EnumMember(Value = "setSlowMode"), JsonStringEnumMemberName("setSlowMode")] SetSlowMode,
    [EnumMember(Value = "addModerator"), JsonStringEnumMemberName("addModerator")] AddModerator,
    [EnumMember(Value = "removeModerator"), JsonStringEnumMemberName("removeModerator")] RemoveModerator,
    [EnumMember(Value = "setBlockedWords"), JsonStringEnumMemberName("setBlockedWords")] SetBlockedWords,
    [EnumMember(Value = "shadowBan"), JsonStringEnumMemberName("shadowBan")] ShadowBan,
    [EnumMember(Value = "shadowUnban"), JsonStringEnumMemberName("shadowUnban")] ShadowUnban,
}

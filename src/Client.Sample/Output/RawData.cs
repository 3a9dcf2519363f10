using System.Text.Json;
using LiveCommerce.Contracts.Protocol;
using MessagePack;

namespace LiveCommerce.Client.Output;

/// <summary>Shows an event's <c>data</c> as JSON when the client has no typed reading of it (a newer event type).</summary>
public static class RawData
{
    public static string ToJson(object? data) => data switch
    {
        null => "null",
        JsonElement json => json.GetRawText(),
        _ => MessagePackSerializer.ConvertToJson(MessagePackSerializer.Serialize(data.GetType(), data, MessagePackWire.Options), MessagePackWire.Options),
    };
}

using System.Text.Json;
using MessagePack;

namespace LiveCommerce.Contracts.Protocol;

/// <summary>
/// Reads the <c>data</c> of a received event as a typed record. The .NET SignalR client hands an
/// <c>object</c>-typed member over as a <see cref="JsonElement"/> (JSON protocol) or a key/value map
/// (MessagePack protocol); both are converted through their own serializer.
/// </summary>
public static class EventData
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static T Read<T>(object data) => data switch
    {
        T typed => typed,
        JsonElement json => json.Deserialize<T>(JsonOptions)!,
        _ => MessagePackSerializer.Deserialize<T>(
            MessagePackSerializer.Serialize(data.GetType(), data, MessagePackWire.Options), MessagePackWire.Options),
    };
}

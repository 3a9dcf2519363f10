using System.Globalization;
using System.Text.Json;
using LiveCommerce.Contracts.Realtime;

namespace LiveCommerce.LoadTests.Client;

/// <summary>
/// Cheap reads of the few event fields the generator needs, straight from the protocol's untyped
/// <c>data</c> (a key/value map under MessagePack, a JsonElement under JSON): at hundreds of thousands
/// of deliveries a second, a full typed conversion per event would cost the generator most of its CPU.
/// </summary>
public static class EventText
{
    public static string? Field(object data, string name) => data switch
    {
        IDictionary<object, object> map => map.TryGetValue(name, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) : null,
        JsonElement json => json.TryGetProperty(name, out var p) ? (p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()) : null,
        CommentData c when name == "text" => c.Text,
        _ => null,
    };

    public static long? Number(object data, string name) =>
        long.TryParse(Field(data, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The send stamp a generator put in a comment: "t=&lt;unix µs&gt; ...".</summary>
    public static long? Stamp(string? text)
    {
        if (text is null || !text.StartsWith("t=", StringComparison.Ordinal)) return null;
        var end = text.IndexOf(' ', 2);
        var digits = end < 0 ? text.AsSpan(2) : text.AsSpan(2, end - 2);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var us) ? us : null;
    }

    public static string Stamped(long sendUs, string rest) => $"t={sendUs.ToString(CultureInfo.InvariantCulture)} {rest}";
}

using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Protocol;

/// <summary>
/// Statuses are C# enums whose members carry PROTOCOL.md's spelling twice: <see cref="EnumMemberAttribute"/>
/// for MessagePack (<c>DynamicEnumAsStringResolver</c>) and <c>JsonStringEnumMemberName</c> for JSON.
/// This reads that spelling for text that is not serialized: messages, sub-codes, console output.
/// </summary>
public static class WireEnum
{
    public static string ToWire<T>(this T value) where T : struct, Enum => Names<T>.ByValue[value];

    public static bool TryParse<T>(string? wire, out T value) where T : struct, Enum
    {
        value = default;
        return wire is not null && Names<T>.ByName.TryGetValue(wire, out value);
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<EnumMemberAttribute>()?.Value
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{f.Name} has no [EnumMember] wire name"));

        public static readonly FrozenDictionary<string, T> ByName = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key);
    }
}

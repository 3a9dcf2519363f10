using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace LiveCommerce.Contracts.Protocol;

/// <summary>
/// MessagePack settings shared by the server and .NET clients. Wire types are [DataContract] with
/// camelCase [DataMember] names, so keys match the JSON protocol. Money travels as a number in both
/// protocols (MessagePack-CSharp would otherwise write decimals as strings).
/// </summary>
public static class MessagePackWire
{
    public static IFormatterResolver Resolver { get; } = CompositeResolver.Create(
        [DecimalAsNumberFormatter.Instance, NullableDecimalAsNumberFormatter.Instance],
        [DynamicEnumAsStringResolver.Instance, ContractlessStandardResolver.Instance]);

    public static MessagePackSerializerOptions Options { get; } =
        MessagePackSerializerOptions.Standard.WithResolver(Resolver).WithSecurity(MessagePackSecurity.UntrustedData);

    private sealed class DecimalAsNumberFormatter : IMessagePackFormatter<decimal>
    {
        public static readonly DecimalAsNumberFormatter Instance = new();

        public void Serialize(ref MessagePackWriter writer, decimal value, MessagePackSerializerOptions options)
        {
            if (decimal.IsInteger(value) && value is >= long.MinValue and <= long.MaxValue) writer.Write((long)value);
            else writer.Write((double)value);
        }

        public decimal Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            reader.NextMessagePackType switch
            {
                MessagePackType.Float => (decimal)reader.ReadDouble(),
                MessagePackType.Integer => reader.ReadInt64(),
                MessagePackType.String => decimal.Parse(reader.ReadString()!, System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new MessagePackSerializationException("Expected a number for a decimal value."),
            };
    }

    private sealed class NullableDecimalAsNumberFormatter : IMessagePackFormatter<decimal?>
    {
        public static readonly NullableDecimalAsNumberFormatter Instance = new();

        public void Serialize(ref MessagePackWriter writer, decimal? value, MessagePackSerializerOptions options)
        {
            if (value is null) writer.WriteNil();
            else DecimalAsNumberFormatter.Instance.Serialize(ref writer, value.Value, options);
        }

        public decimal? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            reader.TryReadNil() ? null : DecimalAsNumberFormatter.Instance.Deserialize(ref reader, options);
    }
}

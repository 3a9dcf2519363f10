using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Realtime;

/// <summary>
/// The <c>data</c> of a <c>head</c> state event (PROTOCOL.md v1.1): the room's last log seq and its epoch.
/// A client whose last seq is lower calls <c>Resume</c>; one that holds another epoch takes a fresh snapshot.
/// </summary>
[GenerateSerializer, Immutable, Alias("HeadData"), DataContract]
public sealed record HeadData
{
    [Id(0), DataMember(Name = "seq")] public required long Seq { get; init; }
    [Id(1), DataMember(Name = "epoch")] public required string Epoch { get; init; }
}

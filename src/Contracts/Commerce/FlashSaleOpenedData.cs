using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Commerce;

/// <summary>Log event <c>flashSaleOpened</c>: a pre-heated sale opened for buying.</summary>
[GenerateSerializer, Immutable, Alias("FlashSaleOpenedData"), DataContract]
public sealed record FlashSaleOpenedData
{
    [Id(0), DataMember(Name = "saleId")] public required string SaleId { get; init; }
}

using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Vouchers;

/// <summary>A refunded voucher's unit goes back to the room's shelf (once per code).</summary>
[GenerateSerializer, Alias("VoucherUnitBack")]
public sealed record VoucherUnitBack([property: Id(0)] VoucherIssue Issue) : FollowUp;

/// <summary>The order shows its vouchers as they stand.</summary>
[GenerateSerializer, Alias("VoucherChanged")]
public sealed record VoucherChanged([property: Id(0)] Voucher Voucher) : FollowUp;

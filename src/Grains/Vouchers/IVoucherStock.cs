namespace LiveCommerce.Vouchers;

/// <summary>Where a refunded voucher's unit goes back: the room's shelf. Must ignore a repeat of the same code.</summary>
public interface IVoucherStock
{
    Task ReturnUnitAsync(VoucherIssue issue, string code);
}

using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Vouchers;
using LiveCommerce.LiveHost.Vouchers;

namespace LiveCommerce.Tests.Vouchers;

public sealed class VoucherCodeTests
{
    [Fact]
    public void Codes_are_long_unambiguous_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 20_000).Select(_ => VoucherCodes.New()).ToList();
        Assert.All(codes, c => Assert.True(c.Length >= 12 && c.All(VoucherCodes.Alphabet.Contains)));
        Assert.DoesNotContain(codes, c => c.IndexOfAny(['0', 'O', '1', 'I']) >= 0);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // Every symbol turns up: the generator uses the whole alphabet.
        Assert.Equal(VoucherCodes.Alphabet.Order(), codes.SelectMany(c => c).Distinct().Order());
    }

    [Fact]
    public void A_typed_code_is_read_whatever_its_case_and_grouping()
    {
        var code = VoucherCodes.New();
        Assert.Equal(code, VoucherCodes.Normalize($"{code[..4].ToLowerInvariant()}-{code[4..8]} {code[8..]}"));
        Assert.Null(VoucherCodes.Normalize(code[..^1]));
        Assert.Null(VoucherCodes.Normalize(code[..^1] + "O"));
        Assert.Null(VoucherCodes.Normalize(null));
    }
}

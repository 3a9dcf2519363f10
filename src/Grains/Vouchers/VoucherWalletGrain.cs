using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Vouchers;

[GenerateSerializer, Alias("VoucherWalletState")]
public sealed class VoucherWalletState
{
    [Id(0)] public List<string> Codes { get; set; } = [];
}

/// <summary>A buyer's voucher codes; each voucher grain is the truth about its status.</summary>
public sealed class VoucherWalletGrain([PersistentState("wallet", StorageNames.Live)] IPersistentState<VoucherWalletState> state) : Grain, IVoucherWalletGrain
{
    public async Task Add(string code)
    {
        if (state.State.Codes.Contains(code)) return;
        state.State.Codes.Add(code);
        await state.WriteStateAsync();
    }

    public async Task<Voucher[]> List()
    {
        var buyer = this.GetPrimaryKeyString();
        var vouchers = await Task.WhenAll(state.State.Codes.Select(c => GrainFactory.GetGrain<IVoucherGrain>(c).GetForBuyer(buyer)));
        return [.. vouchers.OfType<Voucher>().Reverse()];
    }
}

using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Auctions;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Giveaways;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Grains.Rooms;

/// <summary>What the wind-down asked of the mechanics: whether the room's state changed (store it) and whether some are still running.</summary>
public readonly record struct WindDownProgress(bool Changed, bool Pending);

/// <summary>
/// An ended room sells and runs nothing (docs/protocol.md): its running sales end (reason <c>host</c>),
/// its auction ends (the leader wins, else cancelled), its giveaway is drawn, its coupon drop stops taking
/// claims. The room's stored status is the follow-up's record: housekeeping asks again every second until
/// each mechanic has freed its slot (their ends are idempotent and stored by the mechanics) and the coupon
/// grain has acknowledged. Each sale reports its end back to the room itself.
/// </summary>
public sealed class RoomWindDown(IGrainFactory grains, StageSlots stage, Func<RoomState> state, string roomId, ILogger logger)
{
    private RoomState S => state();

    public async Task<WindDownProgress> AskAsync(DateTime now)
    {
        if (S.Room?.Status != RoomStatus.Ended) return default;
        await EndSalesAsync();
        var changed = await EndMechanicsAsync(now);
        if (!S.CouponsEndedWithRoom)
        {
            try
            {
                await grains.GetGrain<ICouponDropGrain>(roomId).EndWithRoom();
                S.CouponsEndedWithRoom = true;
                changed = true;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Ending the coupon drop of room {RoomId} failed; housekeeping retries", roomId);
            }
        }
        return new WindDownProgress(changed, S.ActiveMechanics.Count > 0 || !S.CouponsEndedWithRoom);
    }

    private async Task EndSalesAsync()
    {
        foreach (var sale in S.FlashSales.Where(s => s.Status == FlashSaleStatus.Active).ToList())
        {
            try
            {
                await grains.GetGrain<IFlashSaleGrain>(sale.SaleId).End(FlashSaleEndReason.Host);
            }
            catch (Exception e) when (e is not LiveCommerceException)
            {
                // Housekeeping tries again within a second.
            }
        }
    }

    /// <summary>True when an opening that went stale was freed.</summary>
    private async Task<bool> EndMechanicsAsync(DateTime now)
    {
        var changed = false;
        foreach (var (slot, mechanicId) in S.ActiveMechanics.ToList())
        {
            if (stage.IsStaleOpening(slot, mechanicId, now))
            {
                changed |= stage.Free(slot, mechanicId);
                continue;
            }
            try
            {
                await (slot == StageSlot.Auction
                    ? grains.GetGrain<IAuctionGrain>(mechanicId).EndWithRoom()
                    : grains.GetGrain<IGiveawayGrain>(mechanicId).EndWithRoom());
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Ending {MechanicId} with room {RoomId} failed; housekeeping retries", mechanicId, roomId);
            }
        }
        return changed;
    }
}

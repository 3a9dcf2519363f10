using LiveCommerce.Coupons;

namespace LiveCommerce.Rooms;

// The room's side of coupon drops: it sequences the drop's log events and shows the board in snapshots.
public sealed partial class LiveRoomGrain : IRoomCouponBoard
{
    public async Task PostCouponEvents(CouponLogEntry[] events, CouponBoardView board)
    {
        RequireRoom();
        foreach (var entry in events)
            if (S.CouponBoard.Admit(entry.Key)) AppendLog(entry.Type, entry.Data);
        S.CouponBoard.Show(board);
        await Commit();
    }

    public Task ShowCoupons(CouponBoardView board)
    {
        // Only for snapshots: stored with the next write, not worth one of its own.
        S.CouponBoard.Show(board);
        _roomDirty = true;
        _snapshot = null;
        return Task.CompletedTask;
    }
}

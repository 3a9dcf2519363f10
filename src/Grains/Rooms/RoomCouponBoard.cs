using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Grains.Coupons;

namespace LiveCommerce.Grains.Rooms;

/// <summary>What the room shows of its coupon drops, and which coupon log events it has appended (idempotency).</summary>
[GenerateSerializer, Alias("RoomCouponBoard")]
public sealed class RoomCouponBoard
{
    /// <summary>Two log events per drop, for every drop a room may keep.</summary>
    private const int KeysKept = 2 * CouponDropState.MaxDrops;

    [Id(0)] public CouponDrop[] Drops { get; set; } = [];
    [Id(1)] public List<string> AppendedKeys { get; set; } = [];
    [Id(2)] public long Version { get; set; }

    public void Show(CouponBoardView board)
    {
        if (board.Version <= Version) return;
        Drops = board.Drops;
        Version = board.Version;
    }

    /// <summary>Whether the event with this key is new (and now remembered).</summary>
    public bool Admit(string key)
    {
        if (AppendedKeys.Contains(key)) return false;
        AppendedKeys.Add(key);
        if (AppendedKeys.Count > KeysKept) AppendedKeys.RemoveAt(0);
        return true;
    }
}

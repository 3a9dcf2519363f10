using System.Text.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Rooms;
using MessagePack;

namespace LiveCommerce.Tests.Unit;

/// <summary>Statuses are enums in C# and PROTOCOL.md's strings on the wire, in both protocols.</summary>
public sealed class WireEnumTests
{
    public static TheoryData<object, string> Statuses => new()
    {
        { OrderStatus.PendingPayment, "pendingPayment" },
        { OrderStatus.Cancelled, "cancelled" },
        { PurchaseStatus.SoldOut, "soldOut" },
        { PurchaseStatus.LimitExceeded, "limitExceeded" },
        { PurchaseStatus.RegionBlocked, "regionBlocked" },
        { FlashSaleStatus.Active, "active" },
        { FlashSaleEndReason.Host, "host" },
        { RoomStatus.Scheduled, "scheduled" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Both_protocols_write_and_read_the_protocol_string(object status, string wire)
    {
        var type = status.GetType();
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(status, type, EventData.JsonOptions));
        Assert.Equal(status, JsonSerializer.Deserialize($"\"{wire}\"", type, EventData.JsonOptions));
        var packed = MessagePackSerializer.Serialize(type, status, MessagePackWire.Options);
        Assert.Equal(wire, MessagePackSerializer.Deserialize<string>(packed, MessagePackWire.Options));
        Assert.Equal(status, MessagePackSerializer.Deserialize(type, packed, MessagePackWire.Options));
    }

    [Fact]
    public void Records_carry_the_strings_and_text_uses_the_same_names()
    {
        var result = new PurchaseResult { Status = PurchaseStatus.NotActive, Remaining = 0 };
        Assert.Contains("\"status\":\"notActive\"", JsonSerializer.Serialize(result, EventData.JsonOptions));
        Assert.Equal("notActive", PurchaseStatus.NotActive.ToWire());
        Assert.True(WireEnum.TryParse<OrderStatus>("paid", out var paid) && paid == OrderStatus.Paid);
        Assert.False(WireEnum.TryParse<OrderStatus>("Paid", out _));
        Assert.StartsWith("soldOut: ", LiveCommerceException.SoldOut("only 1 left").Message);
        Assert.Equal(ErrorCodes.Forbidden, LiveCommerceException.RegionBlocked("US only").Code);
    }
}

using System.Globalization;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Output;

/// <summary>One-line renderings of the protocol's shapes, shared by events, snapshots and command results.</summary>
public static class Formats
{
    public static string Money(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>Times travel as UTC; people read them in local time.</summary>
    public static string Time(DateTime at) => ToLocal(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string TimeMs(DateTime at) => ToLocal(at).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static DateTime ToLocal(DateTime at) =>
        (at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at).ToLocalTime();

    public static string Room(Room room) =>
        $"room {room.RoomId} \"{room.Title}\" {room.Status.ToWire()}, host {room.HostId}" +
        (room.Language is null ? "" : $", language {room.Language}") +
        (room.SellRegions is { Length: > 0 } regions ? $", sells in {string.Join(',', regions)}" : ", sells everywhere");

    public static string Product(Product p) =>
        $"{p.ProductId} \"{p.Name}\" {Money(p.Price)} {p.Currency}, stock {p.Stock}";

    public static string Comment(CommentData c) => $"{c.Name} ({c.UserId}): {c.Text}  [{c.CommentId}]";

    public static string Viewers(ViewerCounts v) => $"now {v.Current}, peak {v.Peak}, views {v.TotalViews}";

    public static string FlashSale(FlashSale s) =>
        $"sale {s.SaleId} {s.Status.ToWire()}: {s.ProductId} at {Money(s.Price)}, {s.Remaining}/{s.Quantity} left, max {s.PerUserLimit}/user, " +
        (s.Status == FlashSaleStatus.Upcoming ? $"opens {Time(s.StartsAt)}, " : "") + $"ends {Time(s.EndsAt)}";

    public static string SaleStarted(FlashSaleStartedData s) =>
        $"sale {s.SaleId}: {s.ProductId} at {Money(s.Price)}, {s.Remaining}/{s.Quantity} left, max {s.PerUserLimit}/user, " +
        (s.Status == FlashSaleStatus.Upcoming ? $"UPCOMING, opens {Time(s.StartsAt)}, " : "") + $"ends {Time(s.EndsAt)}";

    public static string SaleEnded(FlashSaleEndedData s) => $"sale {s.SaleId}: sold {s.Sold}, reason {s.Reason.ToWire()}";

    public static string Stock(StockData s) => $"sale {s.SaleId}: {s.Remaining} left";

    public static string Muted(UserMutedData m) => $"{m.UserId} until {Time(m.Until)}";

    public static string Purchase(PurchaseResult r) =>
        $"purchase {r.Status.ToWire()}" +
        (r.OrderId is null ? "" : $": order {r.OrderId}") +
        $", {r.Remaining} left" +
        (r.HoldExpiresAt is { } hold ? $", pay before {Time(hold)}" : "");

    public static string Cart(Cart cart) =>
        $"cart of {cart.UserId}: {cart.Lines.Length} line(s), " +
        (cart.CouponId is null ? "" : $"subtotal {Money(cart.Subtotal)} - {Money(cart.Discount)} (coupon {cart.CouponId}) = ") +
        $"total {Money(cart.Total)}" +
        (cart.Lines.Length == 0 ? "" : " - " + Lines(cart.Lines));

    public static string Order(Order o) =>
        $"order {o.OrderId} {o.Status.ToWire()}: {Money(o.Total)} {o.Currency} in room {o.RoomId}" +
        (o.SaleId is null ? "" : $" (sale {o.SaleId})") +
        (o.CouponId is null ? "" : $" (coupon {o.CouponId}: -{Money(o.Discount)})") +
        (o.Status == OrderStatus.PendingPayment ? $", pay before {Time(o.HoldExpiresAt)}" : "") +
        (o.Lines.Length == 0 ? "" : " - " + Lines(o.Lines));

    public static string Stats(RoomStats s) =>
        $"viewers now {s.ViewersNow}, peak {s.PeakViewers}, views {s.TotalViews}; comments {s.Comments}, likes {s.Likes}; " +
        $"add-to-carts {s.AddToCarts}, orders {s.Orders}, units sold {s.UnitsSold}, GMV {Money(s.Gmv)}, conversion {s.ConversionRate:P1}";

    private static string Lines(IEnumerable<LineItem> lines) =>
        string.Join(", ", lines.Select(l => $"{l.ProductId} x{l.Quantity} @ {Money(l.UnitPrice)}"));
}

using LiveCommerce.Contracts.Commerce;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>
/// Whether a flash sale stayed exact, judged from the buyers' orders and the sale's remaining stock:
/// no oversell, sold + held + left = quantity, nobody over the per-user limit, and every acknowledged
/// reservation backed by an order.
/// </summary>
public sealed record SaleVerdict(
    bool Exact,
    int Quantity,
    int Sold,
    int Held,
    int Released,
    int Left,
    int Oversold,
    int AcknowledgedUnits,
    IReadOnlyList<string> UsersOverLimit,
    IReadOnlyList<string> Problems)
{
    public static int Units(Order order) => order.Lines.Sum(l => l.Quantity);

    /// <param name="orders">The sale's orders (every buyer's, filtered to this sale).</param>
    /// <param name="left">The sale's remaining units as the server reports them.</param>
    /// <param name="acknowledgedUnits">Units the buyers were told were <c>reserved</c>.</param>
    public static SaleVerdict Evaluate(int quantity, int perUserLimit, int left, IReadOnlyCollection<Order> orders, int acknowledgedUnits)
    {
        var live = orders.Where(o => o.Status is OrderStatus.Paid or OrderStatus.PendingPayment).ToList();
        var sold = orders.Where(o => o.Status == OrderStatus.Paid).Sum(Units);
        var held = orders.Where(o => o.Status == OrderStatus.PendingPayment).Sum(Units);
        var released = orders.Where(o => o.Status is OrderStatus.Expired or OrderStatus.Cancelled).Sum(Units);
        var oversold = Math.Max(0, sold + held - quantity) + Math.Max(0, -left);
        var overLimit = live.GroupBy(o => o.UserId).Where(g => g.Sum(Units) > perUserLimit).Select(g => $"{g.Key} ({g.Sum(Units)})").ToList();
        var duplicates = orders.GroupBy(o => o.OrderId).Count(g => g.Count() > 1);

        var problems = new List<string>();
        if (oversold > 0) problems.Add($"oversold by {oversold} unit(s)");
        if (sold + held + left != quantity) problems.Add($"sold {sold} + held {held} + left {left} = {sold + held + left}, not {quantity}");
        if (overLimit.Count > 0) problems.Add($"{overLimit.Count} user(s) over the limit of {perUserLimit}");
        // Held units can expire back to stock; only units that never became an order are lost.
        if (acknowledgedUnits > sold + held + released) problems.Add($"{acknowledgedUnits - sold - held - released} acknowledged unit(s) have no order");
        if (duplicates > 0) problems.Add($"{duplicates} order id(s) listed twice");
        return new SaleVerdict(problems.Count == 0, quantity, sold, held, released, left, oversold, acknowledgedUnits, overLimit, problems);
    }

    public string Summary => Exact
        ? $"exact: sold {Sold} + held {Held} + left {Left} = {Quantity}, oversell 0, nobody over the limit"
        : "NOT exact: " + string.Join("; ", Problems);
}

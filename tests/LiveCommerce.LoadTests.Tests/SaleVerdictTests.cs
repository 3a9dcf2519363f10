using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Tests;

public sealed class SaleVerdictTests
{
    private static Order Order(string user, OrderStatus status, int units = 1) => new()
    {
        OrderId = Guid.NewGuid().ToString("N"),
        UserId = user,
        RoomId = "r1",
        Lines = [new LineItem { RoomId = "r1", ProductId = "p1", Name = "p1", UnitPrice = 5, Quantity = units }],
        Total = 5 * units,
        Currency = "USD",
        Status = status,
        CreatedAt = DateTime.UtcNow,
        HoldExpiresAt = DateTime.UtcNow.AddMinutes(5),
        SaleId = "s1",
    };

    [Fact]
    public void An_exact_sale_says_so()
    {
        var orders = new[] { Order("u1", OrderStatus.Paid), Order("u2", OrderStatus.PendingPayment), Order("u3", OrderStatus.Expired) };
        var v = SaleVerdict.Evaluate(quantity: 5, perUserLimit: 1, left: 3, orders, acknowledgedUnits: 3);
        Assert.True(v.Exact, v.Summary);
        Assert.Equal((1, 1, 1, 0), (v.Sold, v.Held, v.Released, v.Oversold));
        Assert.StartsWith("exact", v.Summary);
    }

    [Fact]
    public void A_deliberately_oversold_order_list_is_caught()
    {
        // Three units put up, four orders live, and the server still claims nothing is left.
        var orders = new[] { Order("u1", OrderStatus.Paid), Order("u2", OrderStatus.Paid), Order("u3", OrderStatus.PendingPayment), Order("u4", OrderStatus.PendingPayment) };
        var v = SaleVerdict.Evaluate(quantity: 3, perUserLimit: 1, left: 0, orders, acknowledgedUnits: 4);
        Assert.False(v.Exact);
        Assert.Equal(1, v.Oversold);
        Assert.Contains(v.Problems, p => p.Contains("oversold by 1", StringComparison.Ordinal));
        Assert.Contains(v.Problems, p => p.Contains("not 3", StringComparison.Ordinal));
        Assert.StartsWith("NOT exact", v.Summary);
    }

    [Fact]
    public void Negative_stock_counts_as_oversell()
    {
        var v = SaleVerdict.Evaluate(quantity: 1, perUserLimit: 1, left: -1, [Order("u1", OrderStatus.Paid)], 1);
        Assert.False(v.Exact);
        Assert.Equal(1, v.Oversold);
    }

    [Fact]
    public void A_user_over_the_limit_is_named()
    {
        var orders = new[] { Order("u1", OrderStatus.Paid), Order("u1", OrderStatus.PendingPayment) };
        var v = SaleVerdict.Evaluate(quantity: 10, perUserLimit: 1, left: 8, orders, 2);
        Assert.False(v.Exact);
        Assert.Equal(["u1 (2)"], v.UsersOverLimit);
    }

    [Fact]
    public void An_acknowledged_reservation_without_an_order_is_a_problem()
    {
        var v = SaleVerdict.Evaluate(quantity: 2, perUserLimit: 1, left: 1, [Order("u1", OrderStatus.Paid)], acknowledgedUnits: 2);
        Assert.False(v.Exact);
        Assert.Contains(v.Problems, p => p.Contains("no order", StringComparison.Ordinal));
    }
}

using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Output;

/// <summary>Prints a <see cref="RoomSnapshot"/> as one block: the room, its counters, pin, products, sales, recent chat.</summary>
public static class SnapshotPrinter
{
    public static void Print(RoomSnapshot s)
    {
        var lines = new List<string>
        {
            $"== {Formats.Room(s.Room)}",
            $"   seq {s.Seq}; viewers {Formats.Viewers(s.Viewers)}; likes {s.Likes}",
            $"   pinned: {(s.Pinned is null ? "nothing" : Formats.Product(s.Pinned))}",
            $"   products ({s.Products.Length}):",
        };
        lines.AddRange(s.Products.Select(p => "     " + Formats.Product(p)));
        lines.Add($"   flash sales ({s.FlashSales.Length}):");
        lines.AddRange(s.FlashSales.Select(f => "     " + Formats.FlashSale(f)));
        AddSection(lines, "auctions", s.Auctions.Select(StageFormats.Auction));
        AddSection(lines, "giveaways", s.Giveaways.Select(StageFormats.Giveaway));
        AddSection(lines, "coupon drops", s.Coupons.Select(StageFormats.Coupon));
        lines.Add($"   recent comments ({s.RecentComments.Length}):");
        lines.AddRange(s.RecentComments.Select(c => "     " + Formats.Comment(c)));
        Out.Block(lines);
    }

    /// <summary>v1.1 sections appear only when the room has some: older rooms print as before.</summary>
    private static void AddSection(List<string> lines, string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0) return;
        lines.Add($"   {title} ({list.Count}):");
        lines.AddRange(list.Select(i => "     " + i));
    }
}

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
        lines.Add($"   recent comments ({s.RecentComments.Length}):");
        lines.AddRange(s.RecentComments.Select(c => "     " + Formats.Comment(c)));
        Out.Block(lines);
    }
}

using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Grains.Social;

/// <summary>
/// A comment that buys: <c>&lt;keyword&gt;</c>, <c>&lt;keyword&gt; &lt;qty&gt;</c>,
/// <c>&lt;keyword&gt; &lt;productId&gt;</c> or <c>&lt;keyword&gt; &lt;productId&gt; &lt;qty&gt;</c>,
/// case-insensitive. <see cref="ProductId"/> null means the pinned product.
/// </summary>
public sealed record CommentToBuyCommand(string? ProductId, int Quantity)
{
    public const int MaxQuantity = 99;

    /// <summary>
    /// The command in a comment, or null when the comment is not one (then it is only a comment).
    /// With two words, a whole number 1..99 is the quantity, anything else a product id: a product
    /// whose id is such a number is named with the three-word form.
    /// </summary>
    public static CommentToBuyCommand? Parse(string? text, string? keyword)
    {
        if (string.IsNullOrEmpty(keyword) || string.IsNullOrWhiteSpace(text)) return null;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 3 || !string.Equals(words[0], keyword, StringComparison.OrdinalIgnoreCase)) return null;
        return words.Length switch
        {
            1 => new CommentToBuyCommand(null, 1),
            2 => ParseQuantity(words[1]) is { } qty ? new CommentToBuyCommand(null, qty)
                : Validate.IsId(words[1]) && !IsNumber(words[1]) ? new CommentToBuyCommand(words[1], 1) : null,
            _ => Validate.IsId(words[1]) && ParseQuantity(words[2]) is { } qty3 ? new CommentToBuyCommand(words[1], qty3) : null,
        };
    }

    private static bool IsNumber(string word) => word.All(char.IsAsciiDigit);

    private static int? ParseQuantity(string word) =>
        IsNumber(word) && word.Length <= 2 && int.Parse(word, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= MaxQuantity and var qty
            ? qty
            : null;
}

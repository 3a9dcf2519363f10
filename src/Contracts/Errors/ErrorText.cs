namespace LiveCommerce.Contracts.Errors;

/// <summary>Keeps refusals short: client input echoed in a message is clipped, so a 10,000-character id is not sent back.</summary>
public static class ErrorText
{
    /// <summary>The longest refusal message sent to a client.</summary>
    public const int MaxMessage = 300;

    public static string Clip(string? value, int max = 64) =>
        value is null ? "" : value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "…");
}

using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>Maps a failure to the short code the report groups errors by.</summary>
public static class FailureCode
{
    public static string Of(Exception e) => e switch
    {
        // PROTOCOL.md: a hub error's message starts with its code, then ": ".
        HubException hub => FromHubMessage(hub.Message),
        OperationCanceledException or TimeoutException => "timeout",
        HttpRequestException http => http.StatusCode is { } s ? $"http_{(int)s}" : "http_error",
        System.Net.WebSockets.WebSocketException => "websocket",
        InvalidOperationException when e.Message.Contains("not active", StringComparison.OrdinalIgnoreCase) => "disconnected",
        _ => e.GetType().Name,
    };

    public static string FromHubMessage(string message)
    {
        // The client prefixes "An unexpected error occurred invoking 'X' on the server. HubException: code: ...".
        var text = message;
        var marker = text.LastIndexOf("HubException: ", StringComparison.Ordinal);
        if (marker >= 0) text = text[(marker + "HubException: ".Length)..];
        var colon = text.IndexOf(':');
        if (colon is > 0 and < 40 && text[..colon].All(c => char.IsAsciiLetterLower(c) || c == '_')) return text[..colon];
        return "hub_error";
    }
}

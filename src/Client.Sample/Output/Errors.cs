using System.Text.RegularExpressions;
using LiveCommerce.Client.Connection;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Client.Output;

/// <summary>Turns any failure into the protocol's <c>code</c> and a sentence, for <c>error code: message</c>.</summary>
public static partial class Errors
{
    // Hub refusals are "code: sentence" (PROTOCOL.md, Errors); anything else is a framework or transport failure.
    [GeneratedRegex("^(?<code>[a-z][a-z0-9_]*): (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex CodedMessage();

    // The .NET client wraps the server's message: "An unexpected error occurred invoking 'X' on the server. HubException: <message>".
    private const string ServerMessageMarker = "HubException: ";

    public static (string Code, string Message) Describe(Exception e) => e switch
    {
        ServerErrorException s => (s.Code, s.Message),
        HubException h => FromHub(h.Message),
        HttpRequestException h => ("http", h.Message),
        FormatException or ArgumentException => ("usage", e.Message),
        InvalidOperationException => ("connection", e.Message),
        TimeoutException => ("timeout", e.Message),
        _ => (e.GetType().Name, e.Message),
    };

    private static (string Code, string Message) FromHub(string message)
    {
        var marker = message.IndexOf(ServerMessageMarker, StringComparison.Ordinal);
        var serverMessage = marker < 0 ? message : message[(marker + ServerMessageMarker.Length)..];
        return CodedMessage().Match(serverMessage) is { Success: true } m
            ? (m.Groups["code"].Value, m.Groups["message"].Value)
            : ("hub", message);
    }
}

using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using LiveCommerce.Contracts.Errors;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// SignalR words a failed invocation as "An unexpected error occurred invoking 'X' on the server.
/// HubException: forbidden: ...". PROTOCOL.md promises clients a message that starts with the code, so
/// this decorator of the JSON and MessagePack protocols sends the HubException's own message instead.
/// </summary>
public sealed class CodedErrorProtocol(IHubProtocol inner) : IHubProtocol
{
    private const string Marker = "HubException: ";

    public string Name => inner.Name;
    public int Version => inner.Version;
    public TransferFormat TransferFormat => inner.TransferFormat;
    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(Reword(message), output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(Reword(message));

    private static HubMessage Reword(HubMessage message)
    {
        if (message is not CompletionMessage { Error: { } error } completion) return message;
        var reworded = Reword(error);
        if (reworded is null) return message;
        return new CompletionMessage(completion.InvocationId!, reworded, result: null, hasResult: false)
        {
            Headers = completion.Headers,
        };
    }

    /// <summary>
    /// "…HubException: forbidden: …" → "forbidden: …"; an unknown method → <c>not_found</c>; arguments that
    /// do not bind (wrong type or count, a number out of range, NaN...) → <c>invalid_argument</c>.
    /// </summary>
    public static string? Reword(string error)
    {
        var at = error.IndexOf(Marker, StringComparison.Ordinal);
        var target = Target(error);
        if (at >= 0)
        {
            var inner = error[(at + Marker.Length)..];
            if (inner.StartsWith("Method does not exist", StringComparison.Ordinal))
                return $"{ErrorCodes.NotFound}: the hub has no method '{target}'";
            return inner;
        }
        if (error.StartsWith(BindingFailure, StringComparison.Ordinal))
            return $"{ErrorCodes.InvalidArgument}: the arguments of '{target}' do not match its parameters (types, count or range)";
        return null;
    }

    private const string BindingFailure = "Failed to invoke '";

    private static string Target(string error)
    {
        var start = error.IndexOf('\'');
        var end = start < 0 ? -1 : error.IndexOf('\'', start + 1);
        return end < 0 ? "?" : ErrorText.Clip(error[(start + 1)..end]);
    }

    /// <summary>Wraps every registered hub protocol.</summary>
    public static void DecorateAll(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHubProtocol)).ToList())
        {
            services.Remove(descriptor);
            var type = descriptor.ImplementationType ?? throw new InvalidOperationException("hub protocols are registered by type");
            services.AddSingleton<IHubProtocol>(sp => new CodedErrorProtocol((IHubProtocol)ActivatorUtilities.CreateInstance(sp, type)));
        }
    }
}

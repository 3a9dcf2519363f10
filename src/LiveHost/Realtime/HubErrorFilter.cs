using System.Text;
using System.Text.Json;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// Every hub invocation passes here: a message over 32 KiB is refused with <c>payload_too_large</c>
/// before any grain call, and a refusal from a grain becomes a HubException whose message starts with
/// the protocol code (<c>forbidden: ...</c>).
/// </summary>
public sealed class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    // Room for the invocation envelope (type, id, target, framing) around the arguments.
    private const int EnvelopeBytes = 128;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (ArgumentBytes(context) + EnvelopeBytes > LiveProtocol.MaxMessageBytes)
            throw new HubException($"{ErrorCodes.PayloadTooLarge}: hub messages are limited to {LiveProtocol.MaxMessageBytes / 1024} KiB");
        try
        {
            return await next(context);
        }
        catch (LiveCommerceException e)
        {
            // An expected refusal: one line at Information, no stack trace (SignalR's own error log of it is filtered out).
            logger.LogInformation("Refused {Method}: {Code}: {Reason}", context.HubMethodName, e.Code, ErrorText.Clip(e.Message, ErrorText.MaxMessage));
            throw new HubException($"{e.Code}: {ErrorText.Clip(e.Message, ErrorText.MaxMessage)}");
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException && Errors.Unavailability.Reason(e) is { } reason)
        {
            // Retryable (v1.1 `unavailable`): a warning without a stack trace, the client retries with backoff.
            logger.LogWarning("Hub method {Method} unavailable: {Reason} ({Failure}: {Message})", context.HubMethodName, reason, e.GetType().Name, ErrorText.Clip(e.Message, ErrorText.MaxMessage));
            throw new HubException($"{ErrorCodes.Unavailable}: {reason}");
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            logger.LogError(e, "Hub method {Method} failed", context.HubMethodName);
            throw;
        }
    }

    private static long ArgumentBytes(HubInvocationContext context)
    {
        long total = 0;
        var parameters = context.HubMethod.GetParameters();
        for (var i = 0; i < context.HubMethodArguments.Count; i++)
        {
            // Services injected into a hub method ([FromServices]) did not come over the wire.
            if (i < parameters.Length && parameters[i].GetCustomAttributes(true).Any(a => a is IFromServiceMetadata)) continue;
            var argument = context.HubMethodArguments[i];
            total += argument switch
            {
                null => 4,
                string s => Encoding.UTF8.GetByteCount(s),
                int or long or bool or double or decimal => 16,
                _ => JsonSerializer.SerializeToUtf8Bytes(argument, argument.GetType(), EventData.JsonOptions).Length,
            };
        }
        return total;
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Grains.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LiveHost.Operations;

/// <summary>
/// The outermost hub filter: counts connections and invocations (by method, outcome and refusal code),
/// tags the invocation's span with the room, records purchase outcomes, and refuses new work with
/// <c>unavailable</c> while the host drains for shutdown.
/// </summary>
public sealed partial class HubOperationsFilter(HostConnections connections, LiveCommerceMetrics metrics) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = context.HubMethodName;
        var started = Stopwatch.GetTimestamp();
        if (!connections.TryBeginInvocation())
        {
            metrics.HubInvoked(method, Stopwatch.GetElapsedTime(started), ErrorCodes.Unavailable, failed: false);
            throw new HubException($"{ErrorCodes.Unavailable}: this host is shutting down; reconnect (to another host) and retry");
        }
        TagSpan(context);
        try
        {
            var result = await next(context);
            metrics.HubInvoked(method, Stopwatch.GetElapsedTime(started), errorCode: null, failed: false);
            if (result is PurchaseResult purchase) metrics.PurchaseAttempted(purchase.Status.ToWire());
            return result;
        }
        catch (Exception e)
        {
            var code = CodeOf(e);
            metrics.HubInvoked(method, Stopwatch.GetElapsedTime(started), code, failed: code is null);
            Activity.Current?.SetStatus(ActivityStatusCode.Error, code ?? e.GetType().Name);
            throw;
        }
        finally
        {
            connections.EndInvocation();
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // A connection that slipped in while draining is closed at once: its client reconnects elsewhere.
        if (connections.Draining)
        {
            context.Context.Abort();
            return;
        }
        connections.Opened(context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Closed(context.Context.ConnectionId);
        await next(context, exception);
    }

    /// <summary>SignalR's span names the hub and method; ours adds the room when the method takes one.</summary>
    private static void TagSpan(HubInvocationContext context)
    {
        if (Activity.Current is not { IsAllDataRequested: true } activity) return;
        activity.SetTag(LiveCommerceMetrics.MethodKey, context.HubMethodName);
        var parameters = context.HubMethod.GetParameters();
        if (parameters.Length > 0 && parameters[0].Name == "roomId" && context.HubMethodArguments.Count > 0 && context.HubMethodArguments[0] is string roomId)
            activity.SetTag(LiveCommerceMetrics.RoomKey, roomId);
    }

    /// <summary>The protocol code of a refusal (a coded HubException or a grain's LiveCommerceException); null for a failure.</summary>
    private static string? CodeOf(Exception e) => e switch
    {
        LiveCommerceException coded => coded.Code,
        HubException hub when CodedMessage().Match(hub.Message) is { Success: true } match => match.Groups[1].Value,
        _ => null,
    };

    [GeneratedRegex("^([a-z_]+): ")]
    private static partial Regex CodedMessage();
}

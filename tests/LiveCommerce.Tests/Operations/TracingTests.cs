using System.Collections.Concurrent;
using System.Diagnostics;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Telemetry;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Telemetry;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Operations;

/// <summary>One hub invocation is one trace: SignalR's span (with room and method) → grain call spans → the group-commit write.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_comment_is_traced_from_the_hub_through_the_room_grain_to_its_storage_write()
    {
        var stopped = new ConcurrentQueue<Activity>();
        var activityStopped = new ChangeSignal();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal)
                || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) || source.Name == LiveCommerceMetrics.MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                stopped.Enqueue(activity);
                activityStopped.Pulse();
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await LiveServer.StartAsync();
        var (roomId, _) = await server.CreateLiveRoomAsync("tracer");
        await using var viewer = await server.ConnectAsync(server.Token("viewer1"));
        await viewer.JoinAsync(roomId);

        // A comment that arrives while another write of the room is in flight (a presence report, the heartbeat)
        // is stored by the next group commit, started by whoever is first: its trace then holds no write. So
        // comment until one comment's own trace holds the write (the first, almost always).
        Activity? hub = null, grainCall = null, write = null;
        List<Activity> trace = [];
        for (var attempt = 0; attempt < 10 && write is null; attempt++)
        {
            var text = $"traced {attempt}";
            await viewer.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, text);
            hub = null;
            // The hub's span stops after the answer has gone out: wait for it to stop.
            await activityStopped.UntilAsync(() => (hub = stopped.LastOrDefault(a => a.GetTagItem(LiveCommerceMetrics.RoomKey) as string == roomId
                && a.GetTagItem(LiveCommerceMetrics.MethodKey) as string == HubMethods.SendComment)) is not null, because: "the hub's span of the comment");
            Assert.NotNull(hub);
            Assert.Equal("Microsoft.AspNetCore.SignalR.Server", hub.Source.Name);
            trace = stopped.Where(a => a.TraceId == hub.TraceId).ToList();
            grainCall = Assert.Single(trace, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && a.ParentSpanId == hub.SpanId
                && a.DisplayName.Contains("Comment", StringComparison.Ordinal));
            write = trace.SingleOrDefault(a => a.OperationName == "group_commit room");
            stopped.Clear();
        }
        Assert.NotNull(write);
        Assert.NotNull(grainCall);
        Assert.Equal(1, write.GetTagItem("livecommerce.group_commit.batch.size"));
        Assert.True(IsBelow(write, grainCall, trace), $"the write is not under the grain call: {string.Join(", ", trace.Select(a => $"{a.Source.Name}/{a.DisplayName}"))}");
    }

    private static bool IsBelow(Activity child, Activity ancestor, List<Activity> trace)
    {
        for (var current = child; current is not null; current = trace.FirstOrDefault(a => a.SpanId == current.ParentSpanId))
            if (current.ParentSpanId == ancestor.SpanId) return true;
        return false;
    }
}

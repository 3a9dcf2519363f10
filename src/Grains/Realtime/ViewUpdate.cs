using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Grains.Realtime;

/// <summary>
/// A grain call that only refreshes a view (a snapshot's figure, the coupon board, the buying feed) and
/// that the next update supersedes: not worth an outbox, but never an unobserved task. A failure to send
/// it is logged; a one-way call's failure at the receiver is not reported, which the next update heals.
/// </summary>
public static class ViewUpdate
{
    public static void SendView(this Grain sender, Task call, string view) => _ = ObserveAsync(sender, call, view);

    private static async Task ObserveAsync(Grain sender, Task call, string view)
    {
        try
        {
            await call;
        }
        catch (Exception e)
        {
            sender.GrainContext.ActivationServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(ViewUpdate)).LogWarning(
                e, "{Grain} could not update the view {View}; the next update supersedes it", sender.GetGrainId(), view);
        }
    }
}

using System.Diagnostics;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>
/// CPU used by the server and by this generator over one phase of a run (e.g. the sends of a fan-out,
/// without the joins before them): the server's cost per delivery, and whether the generator kept up.
/// </summary>
public sealed class CpuWindow
{
    private readonly IResourceProbe? _server;
    private readonly double? _serverStart;
    private readonly TimeSpan _generatorStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _startUs = Clock.NowUs;

    private CpuWindow(IResourceProbe? server, double? serverStart)
    {
        _server = server;
        _serverStart = serverStart;
    }

    public static async Task<CpuWindow> StartAsync(ScenarioContext ctx) => new(ctx.Server, await ServerCpuAsync(ctx.Server));

    /// <summary>Figures <c>{prefix}ServerCpuSeconds</c>, <c>{prefix}GeneratorCpuPercent</c> and, with deliveries, <c>serverCpuUsPerDelivery</c>.</summary>
    public async Task FinishAsync(ScenarioContext ctx, string prefix, long deliveries)
    {
        var seconds = Math.Max(Clock.NowUs - _startUs, 1) / 1e6;
        var generator = (Process.GetCurrentProcess().TotalProcessorTime - _generatorStart).TotalSeconds;
        ctx.Figure($"{prefix}GeneratorCpuPercent", Math.Round(100 * generator / seconds, 1));
        if (_serverStart is not { } start || await ServerCpuAsync(_server) is not { } end) return;
        var server = end - start;
        ctx.Figure($"{prefix}ServerCpuSeconds", Math.Round(server, 2));
        ctx.Figure($"{prefix}ServerCpuPercent", Math.Round(100 * server / seconds, 1));
        if (deliveries > 0) ctx.Figure("serverCpuUsPerDelivery", Math.Round(server * 1e6 / deliveries, 2));
    }

    private static async Task<double?> ServerCpuAsync(IResourceProbe? probe)
    {
        if (probe is null) return null;
        try
        {
            return (await probe.ReadAsync()).CpuSeconds;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException)
        {
            return null;
        }
    }
}

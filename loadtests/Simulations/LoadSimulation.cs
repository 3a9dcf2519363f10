namespace LiveCommerce.LoadTests.Simulations;

/// <summary>
/// When the i-th of <c>count</c> actions should start (NBomber's load simulations, open model):
/// <list type="bullet">
/// <item><c>burst</c>: all at once.</item>
/// <item><c>constant</c>: evenly over the window (a constant rate of count/window per second).</item>
/// <item><c>ramp</c>: the rate climbs linearly from 0 to its peak over the window.</item>
/// <item><c>keep</c>: constant arrivals, then the scenario keeps that many alive (re-joining any that drop).</item>
/// </list>
/// </summary>
public abstract record LoadSimulation
{
    public abstract string Name { get; }
    public abstract TimeSpan OffsetOf(int index, int count);

    public static LoadSimulation Parse(string name, TimeSpan window) => name.ToLowerInvariant() switch
    {
        "burst" => new Burst(),
        "constant" or "inject" => new Constant(window),
        "ramp" or "rampup" or "ramp-up" => new RampUp(window),
        "keep" or "keepconstant" or "keep-constant" => new KeepConstant(window),
        _ => throw new ArgumentException($"unknown load simulation '{name}' (burst, constant, ramp, keep)"),
    };
}

public sealed record Burst : LoadSimulation
{
    public override string Name => "burst";
    public override TimeSpan OffsetOf(int index, int count) => TimeSpan.Zero;
}

public sealed record Constant(TimeSpan Window) : LoadSimulation
{
    public override string Name => "constant";
    public override TimeSpan OffsetOf(int index, int count) => count <= 1 ? TimeSpan.Zero : Window * ((double)index / count);
}

/// <summary>Linear ramp of the rate: arrivals by time t are count·(t/T)², so the i-th starts at T·√(i/count).</summary>
public sealed record RampUp(TimeSpan Window) : LoadSimulation
{
    public override string Name => "ramp";
    public override TimeSpan OffsetOf(int index, int count) => count <= 1 ? TimeSpan.Zero : Window * Math.Sqrt((double)index / count);
}

public sealed record KeepConstant(TimeSpan Window) : LoadSimulation
{
    public override string Name => "keep";
    public override TimeSpan OffsetOf(int index, int count) => count <= 1 ? TimeSpan.Zero : Window * ((double)index / count);
}

/// <summary>A fixed rate for as long as it takes: the i-th action at i/rate seconds.</summary>
public sealed record Rate(double PerSecond) : LoadSimulation
{
    public override string Name => $"rate {PerSecond}/s";
    public override TimeSpan OffsetOf(int index, int count) => TimeSpan.FromSeconds(index / PerSecond);
}

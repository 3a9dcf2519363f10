namespace LiveCommerce.LoadTests.Engine;

/// <summary>CPU seconds used so far and resident memory now, of the generator or of the server under test.</summary>
public readonly record struct ResourceReading(double CpuSeconds, long RssBytes);

public interface IResourceProbe
{
    /// <summary>Where the figures come from, for the report's notes.</summary>
    string Source { get; }

    Task<ResourceReading> ReadAsync();
}

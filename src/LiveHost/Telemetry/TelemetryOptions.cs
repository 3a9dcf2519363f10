
namespace LiveCommerce.LiveHost.Telemetry;

/// <summary>Configuration section <c>Telemetry</c>. OTLP export is configured by the standard OTEL_* variables.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The Prometheus scrape endpoint <c>/metrics</c>; on unless turned off (do so where the HTTP port is public and nothing else guards /metrics).</summary>
    public bool PrometheusEndpoint { get; set; } = true;

    /// <summary>
    /// Record traces (hub invocations, grain calls, storage writes). When unset: only where they are exported
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set). Recording spans nobody exports cost every hub and grain call
    /// its activities (a few percent of a flash-sale stampede's CPU).
    /// </summary>
    public bool? Traces { get; set; }
}

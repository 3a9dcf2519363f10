
namespace LiveCommerce.LiveHost.Telemetry;

/// <summary>Configuration section <c>Telemetry</c>. OTLP export is configured by the standard OTEL_* variables.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The Prometheus scrape endpoint <c>/metrics</c>; on unless turned off (do so where the HTTP port is public and nothing else guards /metrics).</summary>
    public bool PrometheusEndpoint { get; set; } = true;
}

using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// What the OpenTelemetry SDK listens to. Services add their own sources and meters (or exporters, processors,
/// views) through <c>AddServiceDefaults(o =&gt; ...)</c> or <c>services.Configure&lt;ServiceTelemetryOptions&gt;</c>.
/// </summary>
public sealed class ServiceTelemetryOptions
{
    /// <summary>
    /// ActivitySource names; a trailing <c>*</c> is a wildcard. ASP.NET Core and HttpClient emit spans natively
    /// in .NET 10 from "Microsoft.AspNetCore" and "System.Net.Http".
    /// </summary>
    public ICollection<string> ActivitySources { get; } = ["Microsoft.AspNetCore", "System.Net.Http", "EdgeAspire.*"];

    /// <summary>Meter names; a trailing <c>*</c> is a wildcard.</summary>
    public ICollection<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
        "EdgeAspire.*",
    ];

    /// <summary>
    /// Meter names exposed at <c>/metrics</c> in the Prometheus text format; a trailing <c>*</c> is a wildcard. The
    /// process meter (<c>EdgeAspire.Process</c>) is among <c>EdgeAspire.*</c>.
    /// </summary>
    public ICollection<string> PrometheusMeters { get; } = ["EdgeAspire.*"];

    /// <summary>Runs last on the tracer provider builder (after the OTLP exporter, when there is one).</summary>
    public Action<TracerProviderBuilder>? ConfigureTracing { get; set; }

    /// <summary>Runs last on the meter provider builder (after the OTLP exporter, when there is one).</summary>
    public Action<MeterProviderBuilder>? ConfigureMetrics { get; set; }
}

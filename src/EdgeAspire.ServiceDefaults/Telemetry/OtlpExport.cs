using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// OTLP export of all three signals through the SDK's <c>UseOtlpExporter</c>, which reads the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> settings (endpoint, protocol, headers, timeout) itself. Only our default differs: an
/// unset <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> means http/protobuf, not the SDK's gRPC, because the collectors on edge
/// nodes (and the Aspire dashboard's) are reached over HTTP.
/// </summary>
internal static class OtlpExport
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public static void UseWhenConfigured(IOpenTelemetryBuilder otel, IConfiguration configuration)
    {
        if (configuration[EndpointKey] is not { Length: > 0 } endpoint)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(configuration[ProtocolKey]))
        {
            otel.UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, new Uri(endpoint));
            return;
        }

        otel.UseOtlpExporter();
    }
}

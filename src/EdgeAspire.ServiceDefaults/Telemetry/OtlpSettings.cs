using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// The OTLP exporter reads the standard <c>OTEL_EXPORTER_OTLP_*</c> settings itself (endpoint, headers, timeout,
/// protocol); this only decides whether to export at all and picks our default protocol.
/// </summary>
internal static class OtlpSettings
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    public static void Apply(OtlpExporterOptions options, IConfiguration configuration)
    {
        // The SDK defaults to gRPC; collectors on edge nodes (and the dashboard) are reached over http/protobuf.
        if (string.IsNullOrWhiteSpace(configuration[ProtocolKey]))
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
        }

        // Inside the host the exporter would otherwise take a client from IHttpClientFactory, which carries our
        // resilience and discovery handlers: retrying telemetry is the exporter's own business.
        var timeout = TimeSpan.FromMilliseconds(options.TimeoutMilliseconds);
        options.HttpClientFactory = () => new HttpClient { Timeout = timeout };
    }
}

using EdgeAspire.Dashboard.Storage;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace EdgeAspire.Dashboard.Otlp;

/// <summary>OTLP/HTTP with protobuf bodies (the exporter's <c>http/protobuf</c> protocol): <c>POST /v1/traces</c>,
/// <c>/v1/metrics</c>, <c>/v1/logs</c>. Success is 200 with an empty Export*ServiceResponse; bad data is 400 with a
/// google.rpc.Status, as the OTLP specification asks, so exporters drop it instead of retrying.</summary>
internal static class OtlpReceiverApi
{
    public const string ProtobufContentType = "application/x-protobuf";

    public static void MapOtlpReceiver(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").DisableAntiforgery();
        group.MapPost("/traces", (HttpContext context, TelemetryStore store, IOptions<DashboardOptions> options) =>
            ReceiveAsync(context, options.Value, body => store.AddSpans(OtlpTraceDecoder.Decode(body))));
        group.MapPost("/metrics", (HttpContext context, TelemetryStore store, IOptions<DashboardOptions> options) =>
            ReceiveAsync(context, options.Value, body => store.AddMetrics(OtlpMetricsDecoder.Decode(body))));
        group.MapPost("/logs", (HttpContext context, TelemetryStore store, IOptions<DashboardOptions> options) =>
            ReceiveAsync(context, options.Value, body => store.AddLogs(OtlpLogsDecoder.Decode(body))));
    }

    private static async Task ReceiveAsync(HttpContext context, DashboardOptions options, Action<byte[]> store)
    {
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            await FailAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{contentType}' is not supported: send OTLP as {ProtobufContentType} (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)");
            return;
        }
        try
        {
            store(await OtlpBodyReader.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted));
        }
        catch (OtlpBodyReader.TooLargeException e)
        {
            await FailAsync(context, StatusCodes.Status413PayloadTooLarge, e.Message);
            return;
        }
        catch (OtlpFormatException e)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
    }

    /// <summary>google.rpc.Status{code 1 (3 = INVALID_ARGUMENT), message 2}: readable as text too.</summary>
    private static async Task FailAsync(HttpContext context, int status, string message)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(3);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(message);
        output.Flush();
        context.Response.StatusCode = status;
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }
}

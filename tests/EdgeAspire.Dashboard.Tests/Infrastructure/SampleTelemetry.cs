using EdgeAspire.Dashboard.Storage;

namespace EdgeAspire.Dashboard.Tests.Infrastructure;

/// <summary>Telemetry shaped like a chat request through a gateway to a worker (README Telemetry section), put
/// straight into a store: the API tests need exact times and values, which a live exporter does not give.</summary>
internal static class SampleTelemetry
{
    public const long T0 = 1_700_000_000_000_000_000;
    public const long Ms = 1_000_000;

    public static TelemetryResource Service(string name) =>
        TelemetryResource.From(new Dictionary<string, object?> { ["service.name"] = name, ["service.instance.id"] = name + "-1" });

    /// <summary>gateway server span → worker chat span → model.load, tokenize, queue, prefill, decode (with tokens).</summary>
    public static List<SpanData> ChatTrace(string traceId, string model, long start, bool error = false, int tokens = 4)
    {
        var gateway = Service("gateway");
        var worker = Service("worker");
        var chatAttributes = new Dictionary<string, object?>
        {
            ["gen_ai.operation.name"] = "chat", ["gen_ai.request.model"] = model, ["gen_ai.usage.output_tokens"] = (long)tokens,
            ["edgeaspire.time_to_first_token_ms"] = 30.0, ["edgeaspire.decode.tokens_per_second"] = 50.0,
        };
        SpanData Span(string id, string parent, string name, long from, long to, TelemetryResource resource, Dictionary<string, object?>? attributes = null,
            List<SpanEventData>? events = null) =>
            new(traceId, id, parent, name, 1, start + from * Ms, start + to * Ms, error && (name == "decode" || name.StartsWith("chat", StringComparison.Ordinal)) ? SpanData.StatusError : 0, "",
                attributes ?? [], events ?? [], resource, "test");
        var tokenEvents = Enumerable.Range(0, tokens).Select(i => new SpanEventData("token", start + (40 + 10 * i) * Ms,
            new Dictionary<string, object?> { ["edgeaspire.token.index"] = (long)i })).ToList();
        return
        [
            // Out of order on purpose: exporters send spans as they end, children first.
            Span("0000000000000007", "0000000000000002", "decode", 35, 80, worker, events: tokenEvents),
            Span("0000000000000006", "0000000000000002", "prefill", 25, 35, worker),
            Span("0000000000000005", "0000000000000002", "queue", 20, 25, worker),
            Span("0000000000000004", "0000000000000002", "tokenize", 15, 20, worker),
            Span("0000000000000003", "0000000000000002", "model.load", 5, 15, worker,
                new() { ["gen_ai.request.model"] = model, ["edgeaspire.model.memory_estimate_bytes"] = 123_456L }),
            Span("0000000000000002", "0000000000000001", $"chat {model}", 2, 85, worker, chatAttributes),
            Span("0000000000000001", "", "POST /v1/chat/completions", 0, 90, gateway),
        ];
    }

    public static MetricPoint Point(string name, double value, long time, string service = "worker", string? model = null, MetricPointKind kind = MetricPointKind.Gauge) =>
        new(name, "", kind, time, T0, value, 0, 0, [], [], false,
            model is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["gen_ai.request.model"] = model },
            Service(service), "test");

    public static LogRecordData Log(string service, int severity, string body, long time) =>
        new(time, severity, "", body, new Dictionary<string, object?> { ["category"] = "Test" }, "", "", Service(service), "test");
}

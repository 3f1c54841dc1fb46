namespace EdgeAspire.Dashboard.Storage;

/// <summary>One received span. Ids are lower-case hex; <see cref="Kind"/> and <see cref="StatusCode"/> keep OTLP's
/// enum numbers (kind 1 internal … 5 consumer; status 0 unset, 1 ok, 2 error).</summary>
public sealed record SpanData(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    int Kind,
    long StartUnixNano,
    long EndUnixNano,
    int StatusCode,
    string StatusMessage,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<SpanEventData> Events,
    TelemetryResource Resource,
    string Scope)
{
    public const int StatusError = 2;

    public double DurationMs => (EndUnixNano - StartUnixNano) / 1e6;
}

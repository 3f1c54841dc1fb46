namespace EdgeAspire.Dashboard.Storage;

/// <summary>One received log record; <see cref="SeverityNumber"/> is OTLP's 1–24 scale (9 info, 13 warn, 17 error).</summary>
public sealed record LogRecordData(
    long TimeUnixNano,
    int SeverityNumber,
    string SeverityText,
    string Body,
    IReadOnlyDictionary<string, object?> Attributes,
    string TraceId,
    string SpanId,
    TelemetryResource Resource,
    string Scope);

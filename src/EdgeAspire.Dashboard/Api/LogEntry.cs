using EdgeAspire.Dashboard.Storage;

namespace EdgeAspire.Dashboard.Api;

/// <summary>A log record as the Logs page shows it; <see cref="Sequence"/> is what the page polls after.</summary>
internal sealed record LogEntry(long Sequence, double TimeMs, int Severity, string Level, string Body, string Service,
    string Scope, string TraceId, string SpanId, IReadOnlyDictionary<string, object?> Attributes)
{
    public static LogEntry From(long sequence, LogRecordData record) => new(sequence, record.TimeUnixNano / 1e6,
        record.SeverityNumber, LevelOf(record), record.Body, record.Resource.ServiceName, record.Scope, record.TraceId,
        record.SpanId, record.Attributes);

    /// <summary>OTLP severity numbers come in fours: 1 trace, 5 debug, 9 info, 13 warn, 17 error, 21 fatal.</summary>
    public static string LevelOf(LogRecordData record) => record.SeverityNumber switch
    {
        >= 21 => "fatal",
        >= 17 => "error",
        >= 13 => "warn",
        >= 9 => "info",
        >= 5 => "debug",
        >= 1 => "trace",
        _ => string.IsNullOrEmpty(record.SeverityText) ? "unspecified" : record.SeverityText.ToLowerInvariant(),
    };
}

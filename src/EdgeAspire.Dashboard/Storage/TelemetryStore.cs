using Microsoft.Extensions.Options;

namespace EdgeAspire.Dashboard.Storage;

/// <summary>Everything received over OTLP, in three bounded buffers (spans, log records, metric points), each
/// evicting its oldest entries first. Thread-safe: exporters write while the pages read.</summary>
public sealed class TelemetryStore
{
    private readonly BoundedBuffer<SpanData> _spans;
    private readonly BoundedBuffer<LogRecordData> _logs;
    private readonly BoundedBuffer<MetricPoint> _metrics;

    public TelemetryStore(IOptions<DashboardOptions> options)
    {
        _spans = new BoundedBuffer<SpanData>(options.Value.MaxSpans);
        _logs = new BoundedBuffer<LogRecordData>(options.Value.MaxLogRecords);
        _metrics = new BoundedBuffer<MetricPoint>(options.Value.MaxMetricPoints);
    }

    public void AddSpans(IEnumerable<SpanData> spans) => _spans.AddRange(spans);

    public void AddLogs(IEnumerable<LogRecordData> logs) => _logs.AddRange(logs);

    public void AddMetrics(IEnumerable<MetricPoint> points) => _metrics.AddRange(points);

    public IReadOnlyList<SpanData> Spans() => [.. _spans.Snapshot().Select(s => s.Item)];

    /// <summary>Log records after sequence <paramref name="after"/> (0: all kept), oldest first.</summary>
    public IReadOnlyList<(long Sequence, LogRecordData Record)> Logs(long after = 0) => _logs.Snapshot(after);

    public IReadOnlyList<MetricPoint> Metrics() => [.. _metrics.Snapshot().Select(s => s.Item)];

    public TelemetryCounts Counts() => new(
        _spans.LastSequence, _spans.Evicted, _logs.LastSequence, _logs.Evicted, _metrics.LastSequence, _metrics.Evicted);
}

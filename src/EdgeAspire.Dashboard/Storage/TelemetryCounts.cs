namespace EdgeAspire.Dashboard.Storage;

/// <summary>How much each buffer has received and evicted since start.</summary>
public sealed record TelemetryCounts(long Spans, long SpansEvicted, long Logs, long LogsEvicted, long MetricPoints, long MetricPointsEvicted);

namespace EdgeAspire.Dashboard.Storage;

/// <summary>One data point of one metric. Gauges and sums carry <see cref="Value"/>; histograms (and summaries)
/// carry <see cref="Count"/> and <see cref="Sum"/>, explicit ones also their buckets. Sums and histograms keep
/// the exporter's temporality: cumulative unless <see cref="IsDelta"/>.</summary>
public sealed record MetricPoint(
    string Name,
    string Unit,
    MetricPointKind Kind,
    long TimeUnixNano,
    long StartUnixNano,
    double Value,
    ulong Count,
    double Sum,
    IReadOnlyList<double> Bounds,
    IReadOnlyList<ulong> BucketCounts,
    bool IsDelta,
    IReadOnlyDictionary<string, object?> Attributes,
    TelemetryResource Resource,
    string Scope);

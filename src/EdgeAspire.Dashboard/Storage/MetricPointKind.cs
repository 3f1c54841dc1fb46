namespace EdgeAspire.Dashboard.Storage;

public enum MetricPointKind
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}

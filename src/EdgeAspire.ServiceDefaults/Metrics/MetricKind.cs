namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>The Prometheus metric types the exposition uses (its <c># TYPE</c> line).</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}

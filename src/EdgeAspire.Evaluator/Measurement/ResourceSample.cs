namespace EdgeAspire.Evaluator.Measurement;

/// <summary>The server's cumulative CPU time and resident memory at <see cref="AtMs"/> after the request started.</summary>
public readonly record struct ResourceSample(double AtMs, double CpuSeconds, long RssBytes);

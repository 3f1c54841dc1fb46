using System.Text;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// Explicit-bucket histograms. A bucket holds the values up to and including its bound (Prometheus' <c>le</c>);
/// the exposition is cumulative and ends with <c>+Inf</c>. <c>_count</c> is written from the same snapshot of the
/// buckets as <c>+Inf</c>, so the two agree even while requests are recorded during a scrape.
/// </summary>
internal sealed class HistogramAggregator : InstrumentAggregator
{
    /// <summary>The OpenTelemetry SDK's default explicit bucket boundaries.</summary>
    public static readonly double[] DefaultBoundaries = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly double[] _boundaries;
    private readonly string[] _bounds;
    private readonly SeriesMap<Cell> _series;

    public HistogramAggregator(string familyName, string? help, IReadOnlyList<double>? adviceBoundaries)
        : base(familyName, MetricKind.Histogram, help)
    {
        _boundaries = IsValid(adviceBoundaries) ? [.. adviceBoundaries] : DefaultBoundaries;
        _bounds = [.. _boundaries.Select(PrometheusNames.FormatValue), "+Inf"];
        _series = new SeriesMap<Cell>(() => new Cell(_boundaries.Length + 1));
    }

    public IReadOnlyList<double> Boundaries => _boundaries;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var cell = _series.Get(tags);
        var index = Array.BinarySearch(_boundaries, value);
        Interlocked.Increment(ref cell.Counts[index >= 0 ? index : ~index]);
        AddAtomically(ref cell.Sum, value);
    }

    public override void WriteSamples(StringBuilder output)
    {
        var bucketName = FamilyName + "_bucket";
        foreach (var (tags, cell) in _series.Snapshot())
        {
            var separator = tags.Labels.Length == 0 ? "" : ",";
            var cumulative = 0L;
            for (var i = 0; i < cell.Counts.Length; i++)
            {
                cumulative += Interlocked.Read(ref cell.Counts[i]);
                WriteSample(output, bucketName, $"{tags.Labels}{separator}le=\"{_bounds[i]}\"", cumulative);
            }

            WriteSample(output, FamilyName + "_sum", tags.Labels, Volatile.Read(ref cell.Sum));
            WriteSample(output, FamilyName + "_count", tags.Labels, cumulative);
        }
    }

    private static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] IReadOnlyList<double>? boundaries)
    {
        if (boundaries is null)
        {
            return false;
        }

        for (var i = 0; i < boundaries.Count; i++)
        {
            if (!double.IsFinite(boundaries[i]) || (i > 0 && boundaries[i] <= boundaries[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Cell(int buckets)
    {
        public readonly long[] Counts = new long[buckets];
        public double Sum;
    }
}

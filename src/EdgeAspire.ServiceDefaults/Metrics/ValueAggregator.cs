using System.Text;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// Synchronous counters and up-down counters (a running sum per tag set) and synchronous gauges (the last value).
/// A monotonic counter ignores negative increments, as the OpenTelemetry SDK does: a Prometheus counter never
/// goes down.
/// </summary>
internal sealed class ValueAggregator(string familyName, MetricKind kind, string? help, ValueAggregator.Mode mode)
    : InstrumentAggregator(familyName, kind, help)
{
    private readonly SeriesMap<Cell> _series = new(() => new Cell());

    public enum Mode
    {
        MonotonicSum,
        Sum,
        LastValue,
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (mode)
        {
            case Mode.LastValue:
                Volatile.Write(ref _series.Get(tags).Value, value);
                break;
            case Mode.MonotonicSum when value < 0 || double.IsNaN(value):
                break;
            default:
                AddAtomically(ref _series.Get(tags).Value, value);
                break;
        }
    }

    public override void WriteSamples(StringBuilder output)
    {
        foreach (var (tags, cell) in _series.Snapshot())
        {
            WriteSample(output, FamilyName, tags.Labels, Volatile.Read(ref cell.Value));
        }
    }

    private sealed class Cell
    {
        public double Value;
    }
}

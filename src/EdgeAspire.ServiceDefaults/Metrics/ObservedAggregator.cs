using System.Text;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// Observable instruments: their callbacks run at scrape time, and a scrape shows exactly what they reported then
/// (a model unloaded since the last scrape has no queue-depth series any more). Observable counters report their
/// cumulative value, so every kind keeps the last observation. Only touched under the collector's scrape lock.
/// </summary>
internal sealed class ObservedAggregator(string familyName, MetricKind kind, string? help)
    : InstrumentAggregator(familyName, kind, help)
{
    private Dictionary<TagSet, double> _observed = new(TagSetComparer.Instance);
    private bool _collecting;

    public void BeginCollect()
    {
        _observed = new Dictionary<TagSet, double>(TagSetComparer.Instance);
        _collecting = true;
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_collecting && _observed.Count < SeriesMap<object>.MaxSeries)
        {
            _observed[TagSet.Create(tags)] = value;
        }
    }

    public override void WriteSamples(StringBuilder output)
    {
        _collecting = false;
        foreach (var (tags, value) in _observed.OrderBy(series => series.Key.Labels, StringComparer.Ordinal))
        {
            WriteSample(output, FamilyName, tags.Labels, value);
        }
    }
}

using System.Collections.Concurrent;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// The series of one instrument, by tag set. Lookups are lock-free and allocation-free; past
/// <see cref="MaxSeries"/> tag sets, new ones go to a single series tagged <c>otel.metric.overflow=true</c> (the
/// OpenTelemetry SDK's cardinality limit and marker), so a tag with unbounded values cannot exhaust memory.
/// </summary>
internal sealed class SeriesMap<TCell>
    where TCell : class
{
    public const int MaxSeries = 2000;

    private static readonly TagSet s_overflow = TagSet.Create([new("otel.metric.overflow", true)]);

    private readonly Func<TCell> _create;
    private readonly ConcurrentDictionary<TagSet, TCell> _series = new(TagSetComparer.Instance);
    private readonly ConcurrentDictionary<TagSet, TCell>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _byTags;
    private int _count;

    public SeriesMap(Func<TCell> create)
    {
        _create = create;
        _byTags = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public TCell Get(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _byTags.TryGetValue(tags, out var cell) ? cell : Add(TagSet.Create(tags));

    /// <summary>Series sorted by labels, so consecutive scrapes list them in the same order.</summary>
    public KeyValuePair<TagSet, TCell>[] Snapshot()
    {
        var series = _series.ToArray();
        Array.Sort(series, (x, y) => string.CompareOrdinal(x.Key.Labels, y.Key.Labels));
        return series;
    }

    private TCell Add(TagSet tags)
    {
        var key = Volatile.Read(ref _count) < MaxSeries ? tags : s_overflow;
        while (true)
        {
            if (_series.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var fresh = _create();
            if (_series.TryAdd(key, fresh))
            {
                Interlocked.Increment(ref _count);
                return fresh;
            }
        }
    }
}

using EdgeAspire.Dashboard.Storage;

namespace EdgeAspire.Dashboard.Traces;

/// <summary>Traces assembled from the span buffer on demand: a scan of at most <see cref="DashboardOptions.MaxSpans"/>
/// spans per page load is cheaper than keeping an index consistent with eviction.</summary>
internal static class TraceQueries
{
    public const string ModelAttribute = "gen_ai.request.model";

    public static List<TraceSummary> List(IReadOnlyList<SpanData> spans, TraceFilter filter) =>
        [.. spans.GroupBy(s => s.TraceId, StringComparer.Ordinal)
            .Select(Summarize)
            .Where(t => string.IsNullOrEmpty(filter.Service) || t.Services.Contains(filter.Service))
            .Where(t => string.IsNullOrEmpty(filter.Model) || t.Models.Contains(filter.Model))
            .Where(t => filter.Status switch { "error" => t.Error, "ok" => !t.Error, _ => true })
            .Where(t => filter.MinDurationMs is not { } min || t.DurationMs >= min)
            .Where(t => filter.MaxDurationMs is not { } max || t.DurationMs <= max)
            .OrderByDescending(t => t.StartMs)
            .Take(filter.Limit)];

    public static List<TraceSpanView>? Get(IReadOnlyList<SpanData> spans, string traceId)
    {
        var own = spans.Where(s => s.TraceId.Equals(traceId, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.SpanId).Select(g => g.Last()).ToList();
        if (own.Count == 0)
        {
            return null;
        }
        var start = own.Min(s => s.StartUnixNano);
        var ids = own.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = own.ToLookup(s => ids.Contains(s.ParentSpanId) ? s.ParentSpanId : "");
        var rows = new List<TraceSpanView>(own.Count);
        void Walk(string parent, int depth)
        {
            foreach (var span in children[parent].OrderBy(s => s.StartUnixNano).ThenBy(s => s.Name, StringComparer.Ordinal))
            {
                rows.Add(View(span, start, depth));
                Walk(span.SpanId, depth + 1);
            }
        }
        Walk("", 0);
        return rows;
    }

    private static TraceSummary Summarize(IGrouping<string, SpanData> trace)
    {
        var start = trace.Min(s => s.StartUnixNano);
        var end = trace.Max(s => s.EndUnixNano);
        var ids = trace.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        // The root, or while it has not arrived yet (spans export as they end) the earliest span.
        var root = trace.Where(s => !ids.Contains(s.ParentSpanId)).MinBy(s => s.StartUnixNano)!;
        return new TraceSummary(trace.Key, root.Name,
            [.. trace.Select(s => s.Resource.ServiceName).Distinct().Order(StringComparer.Ordinal)],
            [.. trace.Select(s => s.Attributes.GetValueOrDefault(ModelAttribute) as string).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
            start / 1e6, (end - start) / 1e6, trace.Any(s => s.StatusCode == SpanData.StatusError), trace.Count());
    }

    private static TraceSpanView View(SpanData span, long traceStart, int depth) => new(
        span.SpanId, span.ParentSpanId, span.Name, span.Resource.ServiceName, depth, (span.StartUnixNano - traceStart) / 1e6,
        span.DurationMs, span.Kind, span.StatusCode == SpanData.StatusError, span.StatusMessage, span.Attributes,
        [.. span.Events.Select(e => new TraceEventView(e.Name, (e.TimeUnixNano - traceStart) / 1e6, e.Attributes))]);
}

namespace EdgeAspire.Dashboard.Traces;

/// <summary>One row of the waterfall: offsets in ms from the trace's first span, rows in tree order.</summary>
internal sealed record TraceSpanView(string SpanId, string ParentSpanId, string Name, string Service, int Depth, double OffsetMs,
    double DurationMs, int Kind, bool Error, string StatusMessage, IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<TraceEventView> Events);

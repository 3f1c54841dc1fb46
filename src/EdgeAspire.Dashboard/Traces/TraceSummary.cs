namespace EdgeAspire.Dashboard.Traces;

/// <summary>One row of the trace list; times in ms since the Unix epoch.</summary>
internal sealed record TraceSummary(string TraceId, string Name, IReadOnlyList<string> Services, IReadOnlyList<string> Models,
    double StartMs, double DurationMs, bool Error, int Spans);

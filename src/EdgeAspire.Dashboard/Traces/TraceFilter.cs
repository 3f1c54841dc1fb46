namespace EdgeAspire.Dashboard.Traces;

/// <summary>The trace list's filters; null or empty = no filter. <see cref="Status"/> is <c>ok</c> or <c>error</c>.</summary>
internal sealed record TraceFilter(string? Service, string? Model, string? Status, double? MinDurationMs, double? MaxDurationMs, int Limit);

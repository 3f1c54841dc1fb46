namespace EdgeAspire.Dashboard.Traces;

internal sealed record TraceEventView(string Name, double OffsetMs, IReadOnlyDictionary<string, object?> Attributes);

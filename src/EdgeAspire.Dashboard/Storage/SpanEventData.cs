namespace EdgeAspire.Dashboard.Storage;

/// <summary>A span event, e.g. the <c>token</c> events of a <c>decode</c> span.</summary>
public sealed record SpanEventData(string Name, long TimeUnixNano, IReadOnlyDictionary<string, object?> Attributes);

using System.ComponentModel.DataAnnotations;

namespace EdgeAspire.PromptApi;

/// <summary>Settings under <c>Telemetry:</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Span events on each request's <c>decode</c> span: 0 none, 1 every token, N every Nth token.
    /// OpenTelemetry SDKs keep 128 events per span unless <c>OTEL_SPAN_EVENT_COUNT_LIMIT</c> is raised.</summary>
    [Range(0, 1_000_000)]
    public int TokenEvents { get; set; } = 1;
}

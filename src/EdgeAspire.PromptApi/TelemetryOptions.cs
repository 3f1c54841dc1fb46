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

    /// <summary>Prompts and answers on the GenAI span (<c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c>):
    /// off, as the GenAI conventions ask for content that may be personal. On with <c>Telemetry:CaptureMessageContent</c>
    /// or <see cref="CaptureEnvironmentVariable"/>, the switch OpenTelemetry's GenAI instrumentations read.</summary>
    public bool CaptureMessageContent { get; set; }

    public const string CaptureEnvironmentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";
}

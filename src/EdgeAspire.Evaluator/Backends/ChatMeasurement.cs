using EdgeAspire.Evaluator.Measurement;

namespace EdgeAspire.Evaluator.Backends;

/// <summary>One chat request as measured. Prefill and decode rates come from the server's <c>timings</c> when it
/// sends them (<see cref="TimingsSource"/> "server"), otherwise from the client's clock ("client": prefill =
/// evaluated prompt tokens / TTFT, decode = (tokens − 1) / (latency − TTFT)).</summary>
public sealed record ChatMeasurement
{
    public string Text { get; init; } = "";

    public string? FinishReason { get; init; }

    public int PromptTokens { get; init; }

    public int CachedTokens { get; init; }

    public int CompletionTokens { get; init; }

    public double TtftMs { get; init; }

    public double LatencyMs { get; init; }

    public double? PromptMs { get; init; }

    public double? DecodeMs { get; init; }

    public double? PrefillTokensPerSecond { get; init; }

    public double? DecodeTokensPerSecond { get; init; }

    public string TimingsSource { get; init; } = "client";

    public string? Fingerprint { get; init; }

    /// <summary>The worker a gateway routed the request to (its address); null when the server is not a gateway.
    /// <see cref="Resources"/> are that worker's.</summary>
    public string? Worker { get; init; }

    public ResourceSummary Resources { get; init; } = ResourceSummary.Empty;

    public IReadOnlyList<ResourceSample> Samples { get; init; } = [];

    /// <summary>Fills the rates from the client's clock when the server sent no timings.</summary>
    public ChatMeasurement WithClientRates()
    {
        if (TimingsSource == "server")
        {
            return this;
        }
        var evaluated = PromptTokens - CachedTokens;
        var decodeMs = LatencyMs - TtftMs;
        return this with
        {
            PromptMs = TtftMs,
            DecodeMs = decodeMs,
            PrefillTokensPerSecond = TtftMs > 0 ? evaluated * 1000 / TtftMs : null,
            DecodeTokensPerSecond = CompletionTokens > 1 && decodeMs > 0 ? (CompletionTokens - 1) * 1000 / decodeMs : null,
        };
    }
}

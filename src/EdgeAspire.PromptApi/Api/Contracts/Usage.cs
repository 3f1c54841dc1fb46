namespace EdgeAspire.PromptApi.Api.Contracts;

internal sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens, PromptTokensDetails PromptTokensDetails);

internal sealed record PromptTokensDetails(int CachedTokens);

/// <summary>llama-server's <c>timings</c> object: <c>prompt_n</c> counts evaluated (not cached) prompt tokens.</summary>
internal sealed record Timings(
    int PromptN,
    double PromptMs,
    double PromptPerTokenMs,
    double PromptPerSecond,
    int PredictedN,
    double PredictedMs,
    double PredictedPerTokenMs,
    double PredictedPerSecond,
    int CacheN);

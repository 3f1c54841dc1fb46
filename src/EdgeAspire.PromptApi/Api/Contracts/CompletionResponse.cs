namespace EdgeAspire.PromptApi.Api.Contracts;

internal sealed record CompletionResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<CompletionChoice> Choices,
    Usage? Usage,
    Timings? Timings,
    string SystemFingerprint);

internal sealed record CompletionChoice(string Text, int Index, CompletionLogprobs? Logprobs, string? FinishReason);

/// <summary>The legacy completions shape: parallel arrays, the first prompt token's log-probability null.</summary>
internal sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<double?> TokenLogprobs,
    IReadOnlyList<Dictionary<string, double>?> TopLogprobs,
    IReadOnlyList<int> TextOffset);

namespace EdgeAspire.PromptApi.Api.Contracts;

internal sealed record ChatCompletionResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChoice> Choices,
    Usage? Usage,
    Timings? Timings,
    string SystemFingerprint);

internal sealed record ChatChoice(int Index, ChatMessageOut? Message, ChatMessageOut? Delta, ChatLogprobs? Logprobs, string? FinishReason);

internal sealed record ChatMessageOut(string? Role, string? Content, IReadOnlyList<ToolCallOut>? ToolCalls = null);

/// <summary>OpenAI's tool call; <c>index</c> only in streamed deltas.</summary>
internal sealed record ToolCallOut(int? Index, string Id, string Type, FunctionCallOut Function);

internal sealed record FunctionCallOut(string Name, string Arguments);

internal sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content);

internal sealed record ChatTokenLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes, IReadOnlyList<ChatTopLogprob>? TopLogprobs);

internal sealed record ChatTopLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes);

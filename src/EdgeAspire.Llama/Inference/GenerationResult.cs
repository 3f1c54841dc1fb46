namespace EdgeAspire.Llama.Inference;

public sealed record GenerationResult(string Text, IReadOnlyList<int> Tokens, FinishReason FinishReason, GenerationTimings Timings, IReadOnlyList<TokenLogProb> LogProbs);

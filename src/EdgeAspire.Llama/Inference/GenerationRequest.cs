namespace EdgeAspire.Llama.Inference;

public sealed record GenerationRequest
{
    /// <summary>The whole prompt as tokens (BOS and chat template applied). Tokens already in a sequence's KV
    /// cache are not evaluated again.</summary>
    public required IReadOnlyList<int> PromptTokens { get; init; }

    /// <summary>Most tokens to generate; 0 returns at once with <see cref="FinishReason.Length"/>.</summary>
    public int MaxTokens { get; init; } = 256;

    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;

    /// <summary>Generation ends before the first occurrence of any of these; the text never contains one.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>null: no log-probabilities. 0: the chosen token's only. N: also the N most likely alternatives.</summary>
    public int? TopLogProbs { get; init; }

    /// <summary>Keep generating past end-of-generation tokens (llama-server's <c>ignore_eos</c>): benchmarks need
    /// exactly <see cref="MaxTokens"/> tokens from models that may end early.</summary>
    public bool IgnoreEndOfGeneration { get; init; }

    /// <summary>Constrains the output to a grammar (JSON from a schema, a forced tool call); null: free text.</summary>
    public Grammar? Grammar { get; init; }

    public const int MaxTopLogProbs = 20;
}

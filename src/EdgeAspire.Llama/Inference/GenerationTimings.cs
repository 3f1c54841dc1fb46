namespace EdgeAspire.Llama.Inference;

/// <summary>Where a request's time went, in the terms llama-server's <c>timings</c> uses.</summary>
public sealed record GenerationTimings
{
    /// <summary>Tokens of the prompt, cached or not.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Prompt tokens reused from the sequence's KV cache (not evaluated).</summary>
    public int CachedTokens { get; init; }

    /// <summary>Prompt tokens evaluated by this request.</summary>
    public int PromptEvaluated => PromptTokens - CachedTokens;

    /// <summary>From the start of the request's processing to the logits of its last prompt token.</summary>
    public double PromptMs { get; init; }

    public int GeneratedTokens { get; init; }

    /// <summary>From the end of the prompt to the last generated token.</summary>
    public double GenerationMs { get; init; }

    /// <summary>Waiting in the queue for a free sequence.</summary>
    public double QueueMs { get; init; }

    /// <summary>From submission to the first generated token (queue + prompt + one sample).</summary>
    public double TimeToFirstTokenMs { get; init; }

    public double PromptTokensPerSecond => PromptMs > 0 ? PromptEvaluated * 1000.0 / PromptMs : 0;

    public double GenerationTokensPerSecond => GenerationMs > 0 ? GeneratedTokens * 1000.0 / GenerationMs : 0;
}

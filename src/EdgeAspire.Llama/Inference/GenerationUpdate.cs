namespace EdgeAspire.Llama.Inference;

/// <summary>One step of a streamed generation. <see cref="Text"/> never ends inside a UTF-8 character and never
/// contains a stop sequence (text that might start one is held back until it is decided). The last update has
/// <see cref="FinishReason"/> and <see cref="Timings"/>.</summary>
public sealed record GenerationUpdate
{
    public string Text { get; init; } = "";

    /// <summary>The token generated in this step, or null on the final update.</summary>
    public int? Token { get; init; }

    public TokenLogProb? LogProb { get; init; }

    public FinishReason? FinishReason { get; init; }

    public GenerationTimings? Timings { get; init; }
}

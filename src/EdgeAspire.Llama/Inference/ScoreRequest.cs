namespace EdgeAspire.Llama.Inference;

/// <summary>Log-probabilities of <c>Tokens[FirstScored..]</c>, each given the tokens before it, from one batched
/// evaluation (batched and token-by-token logits differ slightly, so candidates must be scored alike).</summary>
public sealed record ScoreRequest
{
    public required IReadOnlyList<int> Tokens { get; init; }

    /// <summary>Index of the first token to score; at least 1 (the first token has no context).</summary>
    public required int FirstScored { get; init; }

    /// <summary>Alternatives to report per scored token (0 = none).</summary>
    public int TopLogProbs { get; init; }
}

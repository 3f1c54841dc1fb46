namespace EdgeAspire.Llama.Inference;

public sealed record ScoreResult(IReadOnlyList<TokenLogProb> Tokens, int CachedTokens)
{
    public double Sum => Tokens.Sum(t => t.LogProb);

    /// <summary>Whether every scored token was the model's most likely one (lm-evaluation-harness' <c>is_greedy</c>).</summary>
    public bool IsGreedy => Tokens.All(t => t.IsGreedy);
}

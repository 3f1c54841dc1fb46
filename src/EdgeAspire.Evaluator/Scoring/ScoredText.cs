namespace EdgeAspire.Evaluator.Scoring;

/// <summary>A scored text: its tokens (BOS first), each token's log-probability given the tokens before it (the
/// first is NaN, it has no context), and how many tokens the context alone tokenizes to.</summary>
/// <param name="Ids">Token ids when known (in-process); over HTTP only the token texts are returned.</param>
public sealed record ScoredText(int ContextTokens, IReadOnlyList<string> Pieces, IReadOnlyList<double> LogProbs, IReadOnlyList<int>? Ids = null)
{
    public int Count => Pieces.Count;

    public bool SameToken(ScoredText other, int i) =>
        Ids is not null && other.Ids is not null ? Ids[i] == other.Ids[i] : string.Equals(Pieces[i], other.Pieces[i], StringComparison.Ordinal);
}

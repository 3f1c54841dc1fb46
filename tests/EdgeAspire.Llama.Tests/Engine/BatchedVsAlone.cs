using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>
/// How a sequence's result in a batch compares with the same request run alone at temperature 0. Batched and
/// single-token evaluation round differently (DESIGN §4: ~7e-5 on F32, up to 0.03 on Q8_0), so exact token
/// equality is not a law: up to the first differing token the log-probabilities must agree within the tolerance,
/// and at that token the two choices must have been a near tie in the lone run (their log-probabilities within the
/// tolerance). Both results need <see cref="GenerationRequest.TopLogProbs"/> ≥ 2 for the tie to be visible.
/// </summary>
public sealed record BatchedVsAlone(int? DivergesAt, double MaxLogProbDifference, double? TieMargin)
{
    /// <summary>DESIGN §4's bound for batched against single-token logits (as log-probabilities). Measured here:
    /// 0 when a sequence runs alone in a multi-sequence context; up to 1.3e-3 on F32 stories260K when its tokens
    /// share a batch with other sequences' tokens (ggml takes a matrix-matrix path with another summation order).</summary>
    public const double Tolerance = 0.03;

    public static BatchedVsAlone Of(GenerationResult alone, GenerationResult batched)
    {
        var common = Math.Min(alone.Tokens.Count, batched.Tokens.Count);
        var maxDifference = 0.0;
        for (var i = 0; i < common; i++)
        {
            if (alone.Tokens[i] != batched.Tokens[i])
            {
                var chosenInBatch = alone.LogProbs[i].Top.FirstOrDefault(t => t.Token == batched.Tokens[i]);
                var margin = chosenInBatch is null ? double.PositiveInfinity : alone.LogProbs[i].LogProb - chosenInBatch.LogProb;
                return new BatchedVsAlone(i, maxDifference, margin);
            }
            maxDifference = Math.Max(maxDifference, Math.Abs(alone.LogProbs[i].LogProb - batched.LogProbs[i].LogProb));
        }
        return new BatchedVsAlone(alone.Tokens.Count == batched.Tokens.Count ? null : common, maxDifference, null);
    }

    /// <summary>Same tokens, or a divergence explained by a near tie; log-probabilities within the tolerance.</summary>
    public bool IsWithin(double tolerance) =>
        MaxLogProbDifference <= tolerance && (DivergesAt is null || TieMargin is { } margin && margin <= tolerance);

    public override string ToString() =>
        $"diverges at {DivergesAt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, max |Δ log p| {MaxLogProbDifference:G3}, tie margin {TieMargin?.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}

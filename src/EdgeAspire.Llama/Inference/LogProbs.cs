using System.Text;

namespace EdgeAspire.Llama.Inference;

internal static class LogProbs
{
    /// <summary>OpenAI's log probability for a token the model gives no chance: a JSON number, where -∞ is none.</summary>
    public const double Floor = -9999.0;

    public static TokenLogProb Of(LlamaVocab vocab, ReadOnlySpan<float> logits, int token, int topCount)
    {
        var logSumExp = LogitMath.LogSumExp(logits);
        var top = topCount > 0 ? LogitMath.TopTokens(logits, topCount) : [];
        var alternatives = new TopLogProb[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var bytes = vocab.TokenBytes(top[i], renderSpecial: true);
            alternatives[i] = new TopLogProb(top[i], Encoding.UTF8.GetString(bytes), bytes, Finite(logits[top[i]] - logSumExp));
        }
        var tokenBytes = vocab.TokenBytes(token, renderSpecial: true);
        var isGreedy = top.Length > 0 ? top[0] == token || logits[top[0]] == logits[token] : logits[LogitMath.ArgMax(logits)] == logits[token];
        return new TokenLogProb(token, Encoding.UTF8.GetString(tokenBytes), tokenBytes, Finite(logits[token] - logSumExp), isGreedy, alternatives);
    }

    /// <summary>A model with broken weights yields NaN or infinite logits; their log probabilities cannot be written
    /// as JSON, so they become <see cref="Floor"/> (and never above 0).</summary>
    public static double Finite(double logProb) => double.IsNaN(logProb) || logProb < Floor ? Floor : Math.Min(logProb, 0);
}

using System.Text;

namespace EdgeAspire.Llama.Inference;

internal static class LogProbs
{
    public static TokenLogProb Of(LlamaVocab vocab, ReadOnlySpan<float> logits, int token, int topCount)
    {
        var logSumExp = LogitMath.LogSumExp(logits);
        var top = topCount > 0 ? LogitMath.TopTokens(logits, topCount) : [];
        var alternatives = new TopLogProb[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var bytes = vocab.TokenBytes(top[i], renderSpecial: true);
            alternatives[i] = new TopLogProb(top[i], Encoding.UTF8.GetString(bytes), bytes, logits[top[i]] - logSumExp);
        }
        var tokenBytes = vocab.TokenBytes(token, renderSpecial: true);
        var isGreedy = top.Length > 0 ? top[0] == token || logits[top[0]] == logits[token] : logits[LogitMath.ArgMax(logits)] == logits[token];
        return new TokenLogProb(token, Encoding.UTF8.GetString(tokenBytes), tokenBytes, logits[token] - logSumExp, isGreedy, alternatives);
    }
}

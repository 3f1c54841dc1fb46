namespace EdgeAspire.Llama.Inference;

/// <summary>Log-softmax over a vocabulary of raw logits, in double precision for the sum.</summary>
internal static class LogitMath
{
    public static double LogSumExp(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var x in logits)
        {
            max = Math.Max(max, x);
        }
        double sum = 0;
        foreach (var x in logits)
        {
            sum += Math.Exp(x - max);
        }
        return max + Math.Log(sum);
    }

    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }
        return best;
    }

    /// <summary>The <paramref name="count"/> largest logits' token ids, most likely first.</summary>
    public static int[] TopTokens(ReadOnlySpan<float> logits, int count)
    {
        count = Math.Min(count, logits.Length);
        var top = new int[count];
        var filled = 0;
        for (var token = 0; token < logits.Length; token++)
        {
            var value = logits[token];
            if (filled == count && value <= logits[top[filled - 1]])
            {
                continue;
            }
            var at = filled < count ? filled++ : count - 1;
            while (at > 0 && logits[top[at - 1]] < value)
            {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = token;
        }
        return top;
    }
}

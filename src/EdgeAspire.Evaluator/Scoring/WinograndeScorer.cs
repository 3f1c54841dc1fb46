using EdgeAspire.Evaluator.Datasets;

namespace EdgeAspire.Evaluator.Scoring;

/// <summary>The two scorings' texts and decisions. Both score "context" + "whole" texts per option; a backend
/// returns every token's log-probability of the whole text and the context's token count.</summary>
public static class WinograndeScorer
{
    /// <summary>llama-perplexity's <c>k_min_trailing_ctx</c>.</summary>
    private const int MinTrailingTokens = 3;

    public static (string Context, string Whole) Texts(WinograndeItem item, int option, WinograndeScoring scoring)
    {
        var context = item.BeforeBlank + item.Option(option);
        return scoring switch
        {
            // lm-eval: doc_to_choice = sentence[:idx] + option; doc_to_target = sentence[idx+1:].strip(), joined with " ".
            WinograndeScoring.LmEval => (context, context + " " + item.AfterBlank.Trim()),
            // llama.cpp: first + choice + second, the sentence split at the first '_', nothing trimmed.
            _ => (context, context + item.AfterBlank),
        };
    }

    /// <returns>Each option's score and the chosen option (1 or 2).</returns>
    public static (double Score1, double Score2, int Chosen) Decide(WinograndeScoring scoring, ScoredText first, ScoredText second)
    {
        if (scoring == WinograndeScoring.LmEval)
        {
            var s1 = ContinuationSum(first);
            var s2 = ContinuationSum(second);
            return (s1, s2, s1 >= s2 ? 1 : 2);
        }
        var (p1, p2) = LlamaPerplexity(first, second);
        return (p1, p2, p1 > p2 ? 1 : 2);
    }

    private static double ContinuationSum(ScoredText text)
    {
        var sum = 0.0;
        for (var i = Math.Max(1, text.ContextTokens); i < text.Count; i++)
        {
            sum += text.LogProbs[i];
        }
        return sum;
    }

    /// <summary>
    /// As <c>winogrande_score</c> in llama.cpp's tools/perplexity/perplexity.cpp: the common token prefix of the two
    /// whole texts; when both continue for more than 3 tokens after it, the option's tokens are skipped (scoring starts
    /// after "first + option"), else scoring starts right after the common prefix; the last token is left out when
    /// more than one would be scored; the score is the mean, summed in single precision as llama.cpp does.
    /// One difference: when the option tokens are not skipped, llama.cpp takes option 2's first log-probability from
    /// the logits after option 1's last token (its own FIXME); here it comes from the right logits.
    /// </summary>
    private static (float, float) LlamaPerplexity(ScoredText first, ScoredText second)
    {
        var common = 0;
        while (common < first.Count && common < second.Count && first.SameToken(second, common))
        {
            common++;
        }
        var skipOption = first.Count - common > MinTrailingTokens && second.Count - common > MinTrailingTokens;
        return (Mean(first, skipOption ? first.ContextTokens : common), Mean(second, skipOption ? second.ContextTokens : common));
    }

    private static float Mean(ScoredText text, int firstScored)
    {
        var last = text.Count - firstScored > 1 ? 1 : 0;
        var sum = 0f;
        for (var k = Math.Max(1, firstScored); k < text.Count - last; k++)
        {
            sum += (float)text.LogProbs[k];
        }
        return sum / (text.Count - firstScored - last);
    }
}

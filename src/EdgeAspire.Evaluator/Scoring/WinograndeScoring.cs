namespace EdgeAspire.Evaluator.Scoring;

public enum WinograndeScoring
{
    /// <summary>lm-evaluation-harness' partial scoring: context = the sentence up to the blank with the option;
    /// continuation = " " + the rest, stripped; the sum of the continuation's log-probabilities; ties → option 1.</summary>
    LmEval,

    /// <summary>llama.cpp's <c>llama-perplexity --winogrande</c>: see <see cref="WinograndeScorer"/>.</summary>
    LlamaPerplexity,
}

using EdgeAspire.Evaluator.Scoring;

namespace EdgeAspire.Evaluator.Backends;

/// <summary>A model to evaluate: an OpenAI-compatible endpoint or a GGUF file run in-process.</summary>
public interface IModelBackend : IAsyncDisposable
{
    /// <summary>The model id (endpoint) or file name without extension (in-process).</summary>
    string Model { get; }

    /// <summary>What the run records about the model and its runtime (llama.cpp build, file digest, …).</summary>
    Task<IReadOnlyDictionary<string, string>> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>For each pair: every token's log-probability of the whole text, and the token count of the context alone.</summary>
    Task<IReadOnlyList<ScoredText>> ScoreAsync(IReadOnlyList<(string Context, string Whole)> texts, CancellationToken cancellationToken);

    /// <summary>One streamed chat completion, greedy. With <paramref name="sampleResources"/>, the server's CPU and
    /// memory are sampled at 5 Hz while it runs; load runs turn it off, since every in-flight request polling the
    /// server's <c>/metrics</c> would load the very server whose throughput they measure.</summary>
    Task<ChatMeasurement> ChatAsync(IReadOnlyList<ChatTurn> messages, int maxTokens, long seed, bool sampleResources, CancellationToken cancellationToken);
}

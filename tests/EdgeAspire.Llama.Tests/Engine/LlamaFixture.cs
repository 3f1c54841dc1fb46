using System.Collections.Concurrent;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>One runtime per test process; models are loaded once and shared (they are read-only), engines are
/// created per test.</summary>
public static class Llama
{
    private static readonly Lazy<LlamaRuntime> s_runtime = new(() => LlamaRuntime.Initialize());
    private static readonly ConcurrentDictionary<string, Lazy<LlamaModel>> s_models = new();

    public static LlamaRuntime Runtime => s_runtime.Value;

    public static LlamaModel Model(string path)
    {
        _ = Runtime;
        return s_models.GetOrAdd(path, p => new Lazy<LlamaModel>(() => LlamaModel.Load(p))).Value;
    }

    public static InferenceEngine Engine(string modelPath, int contextSize = 512, int batchSize = 512, int queueLength = 16, int sequences = 1, int prefillChunk = 64) =>
        new(Model(modelPath), new InferenceEngineOptions
        {
            Context = new LlamaContextOptions { ContextSize = contextSize, BatchSize = batchSize, Threads = 2, Sequences = sequences },
            QueueLength = queueLength,
            PrefillChunk = prefillChunk,
        });
}

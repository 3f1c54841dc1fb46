using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>One runtime per test process; engines are cheap to create on the tiny models.</summary>
public static class Llama
{
    private static readonly Lazy<LlamaRuntime> s_runtime = new(() => LlamaRuntime.Initialize());

    public static LlamaRuntime Runtime => s_runtime.Value;

    public static InferenceEngine Engine(string modelPath, int contextSize = 512, int batchSize = 512, int threads = 2, int queueLength = 16)
    {
        _ = Runtime;
        var model = LlamaModel.Load(modelPath);
        return new InferenceEngine(model, new InferenceEngineOptions
        {
            Context = new LlamaContextOptions { ContextSize = contextSize, BatchSize = batchSize, Threads = threads },
            QueueLength = queueLength,
        });
    }
}

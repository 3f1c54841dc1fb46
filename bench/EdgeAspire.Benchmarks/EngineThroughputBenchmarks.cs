using EdgeAspire.Llama;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Benchmarks;

/// <summary>Prefill (pp128) and decode (tg64) through the engine against a bare loop of the same native calls, on a
/// synthetic model shaped like Qwen2.5-0.5B, 2 threads — the same figures llama-bench reports.</summary>
[Config(typeof(BenchConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EngineThroughputBenchmarks
{
    private const int PromptTokens = 128, GeneratedTokens = 64, Threads = 2;

    private readonly Random _random = new(1);
    private LlamaModel _model = null!;
    private InferenceEngine _engine = null!;
    private BareLoop _bare = null!;
    private int[] _prompt = [];

    [Params(GgmlType.Q8_0, GgmlType.Q4_0)]
    public GgmlType Type { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        LlamaRuntime.Initialize();
        _model = LlamaModel.Load(BenchModels.Path(GgufPresets.Qwen25_0_5B, Type));
        var context = new LlamaContextOptions { ContextSize = 512, BatchSize = 512, Threads = Threads };
        _engine = new InferenceEngine(_model, new InferenceEngineOptions { Context = context });
        _bare = new BareLoop(_model, context);
    }

    // A fresh random prompt each time, so neither side can reuse a cached prefix.
    [IterationSetup]
    public void NewPrompt() => _prompt = BenchModels.RandomTokens(_random, PromptTokens, _model.Vocab.Count);

    [Benchmark(Baseline = true), BenchmarkCategory("pp128", "tokens:128")]
    public void Prefill_bare() => _bare.Prefill(_prompt);

    [Benchmark, BenchmarkCategory("pp128", "tokens:128")]
    public async Task Prefill_engine()
    {
        var result = await _engine.GenerateTextAsync(new GenerationRequest { PromptTokens = _prompt, MaxTokens = 0 });
        Check(result.Timings.PromptEvaluated, PromptTokens);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("tg64", "tokens:64")]
    public int Decode_bare() => _bare.Generate(_prompt[1], GeneratedTokens);

    [Benchmark, BenchmarkCategory("tg64", "tokens:64")]
    public async Task Decode_engine()
    {
        // One prompt token, then 63 generated tokens fed back: 64 decodes, as on the bare side.
        var result = await _engine.GenerateTextAsync(new GenerationRequest { PromptTokens = [_prompt[1]], MaxTokens = GeneratedTokens, IgnoreEndOfGeneration = true });
        Check(result.Tokens.Count, GeneratedTokens);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _bare.Dispose();
        _model.Dispose();
    }

    private static void Check(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"expected {expected} tokens, got {actual}");
        }
    }
}

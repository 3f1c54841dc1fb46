using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EdgeAspire.Llama;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Benchmarks;

/// <summary>Continuous batching on the Qwen2.5-0.5B-shaped Q8_0 model, 2 threads: one stream in a one-sequence
/// context against the same stream in a four-sequence context (what batching costs a lone client), and four
/// streams one after another against four streams batched (what it gains).</summary>
[Config(typeof(BenchConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BatchingBenchmarks
{
    public const int Streams = 4, GeneratedTokens = 64;
    private const int Threads = 2;

    private readonly Random _random = new(1);
    private LlamaModel _model = null!;
    private InferenceEngine _single = null!;
    private InferenceEngine _batched = null!;
    private int[] _tokens = [];

    [GlobalSetup]
    public void Setup()
    {
        LlamaRuntime.Initialize();
        _model = LlamaModel.Load(BenchModels.Path(GgufPresets.Qwen25_0_5B, GgmlType.Q8_0));
        _single = Engine(1);
        _batched = Engine(Streams);
    }

    // Fresh first tokens each time, so no stream reuses a cached prefix.
    [IterationSetup]
    public void NewTokens() => _tokens = BenchModels.RandomTokens(_random, Streams, _model.Vocab.Count);

    [Benchmark(Baseline = true), BenchmarkCategory("tg64 one stream", "tokens:64")]
    public Task Decode_one_sequence_context() => DecodeAsync(_single, _tokens[0]);

    [Benchmark, BenchmarkCategory("tg64 one stream", "tokens:64")]
    public Task Decode_four_sequence_context() => DecodeAsync(_batched, _tokens[0]);

    [Benchmark(Baseline = true), BenchmarkCategory("4 x tg64", "tokens:256")]
    public async Task Four_streams_one_at_a_time()
    {
        foreach (var token in _tokens)
        {
            await DecodeAsync(_single, token);
        }
    }

    [Benchmark, BenchmarkCategory("4 x tg64", "tokens:256")]
    public Task Four_streams_batched() => Task.WhenAll(_tokens.Select(t => DecodeAsync(_batched, t)));

    [GlobalCleanup]
    public void Cleanup()
    {
        _single.Dispose();
        _batched.Dispose();
        _model.Dispose();
    }

    private InferenceEngine Engine(int sequences) => new(_model, new InferenceEngineOptions
    {
        Context = new LlamaContextOptions { ContextSize = 512, BatchSize = 512, Threads = Threads, Sequences = sequences },
        TokenEvents = 0,
    });

    private static async Task DecodeAsync(InferenceEngine engine, int first)
    {
        var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = [first], MaxTokens = GeneratedTokens, IgnoreEndOfGeneration = true });
        if (result.Tokens.Count != GeneratedTokens)
        {
            throw new InvalidOperationException($"expected {GeneratedTokens} tokens, got {result.Tokens.Count}");
        }
    }
}

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using EdgeAspire.Llama;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Benchmarks;

/// <summary>Decode with tracing off, with stage spans only, and with a span event on every token: the cost of
/// telemetry on the hot path. Allocations are reported per operation (64 tokens).</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class TelemetryOverheadBenchmarks
{
    public enum Tracing { Off, Spans, EveryToken }

    private const int GeneratedTokens = 64;
    private static readonly ActivitySource s_caller = new("EdgeAspire.Benchmarks");

    private readonly Random _random = new(3);
    private LlamaModel _model = null!;
    private InferenceEngine _engine = null!;
    private ActivityListener? _listener;
    private int _token;

    [Params(Tracing.Off, Tracing.Spans, Tracing.EveryToken)]
    public Tracing Mode { get; set; }

    [Params("qwen2.5-0.5b", "tiny")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        LlamaRuntime.Initialize();
        var shape = GgufPresets.Get(Shape);
        _model = LlamaModel.Load(BenchModels.Path(shape, shape == GgufPresets.Tiny ? GgmlType.F32 : GgmlType.Q4_0));
        _engine = new InferenceEngine(_model, new InferenceEngineOptions
        {
            Context = new LlamaContextOptions { ContextSize = 256, Threads = 2 },
            TokenEvents = Mode == Tracing.EveryToken ? 1 : 0,
        });
        if (Mode != Tracing.Off)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name.StartsWith("EdgeAspire.", StringComparison.Ordinal),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_listener);
        }
    }

    [IterationSetup]
    public void NewToken() => _token = _random.Next(3, _model.Vocab.Count);

    [Benchmark, BenchmarkCategory("tokens:64")]
    public async Task Decode()
    {
        // Without a caller span the engine records nothing, even when some listener is registered.
        using var chat = Mode == Tracing.Off ? null : s_caller.StartActivity("chat bench");
        var result = await _engine.GenerateTextAsync(new GenerationRequest { PromptTokens = [_token], MaxTokens = GeneratedTokens, IgnoreEndOfGeneration = true });
        if (result.Tokens.Count != GeneratedTokens)
        {
            throw new InvalidOperationException($"expected {GeneratedTokens} tokens, got {result.Tokens.Count}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _engine.Dispose();
        _model.Dispose();
    }
}

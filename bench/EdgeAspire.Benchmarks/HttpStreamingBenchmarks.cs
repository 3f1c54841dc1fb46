using EdgeAspire.Llama;
using System.Diagnostics;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Benchmarks;

/// <summary>Decode throughput seen by a client streaming from the PromptApi over loopback HTTP, against the engine
/// called in this process on the same model: 64 tokens after a one-token prompt, end-of-generation ignored.</summary>
[Config(typeof(BenchConfig))]
public class HttpStreamingBenchmarks
{
    private const int GeneratedTokens = 64, Threads = 2;
    private const string ModelId = "bench";

    private readonly Random _random = new(2);
    private LlamaModel _model = null!;
    private InferenceEngine _engine = null!;
    private Process _server = null!;
    private HttpClient _http = null!;
    private int _token;

    [GlobalSetup]
    public void Setup()
    {
        LlamaRuntime.Initialize();
        var path = BenchModels.Path(GgufPresets.Qwen25_0_5B, GgmlType.Q8_0);
        _model = LlamaModel.Load(path);
        _engine = new InferenceEngine(_model, new InferenceEngineOptions { Context = new LlamaContextOptions { ContextSize = 512, Threads = Threads } });
        (_server, _http) = ServiceProcess.StartPromptApi(path, ModelId, Threads);
    }

    [IterationSetup]
    public void NewToken() => _token = _random.Next(3, _model.Vocab.Count);

    [Benchmark(Baseline = true), BenchmarkCategory("tg64", "tokens:64")]
    public async Task Decode_in_process()
    {
        var result = await _engine.GenerateTextAsync(new GenerationRequest { PromptTokens = [_token], MaxTokens = GeneratedTokens, IgnoreEndOfGeneration = true });
        Check(result.Tokens.Count);
    }

    [Benchmark, BenchmarkCategory("tg64", "tokens:64")]
    public async Task Decode_http_stream()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = JsonContent.Create(new { model = ModelId, prompt = new[] { _token }, max_tokens = GeneratedTokens, ignore_eos = true, temperature = 0, stream = true }),
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var predicted = 0;
        while (await reader.ReadLineAsync() is { } line && line != "data: [DONE]")
        {
            const string Marker = "\"predicted_n\":";
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                predicted = int.Parse(line.AsSpan(at + Marker.Length, line.IndexOf(',', at) - at - Marker.Length), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        Check(predicted);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        ServiceProcess.Stop(_server);
        _engine.Dispose();
        _model.Dispose();
    }

    private static void Check(int tokens)
    {
        if (tokens != GeneratedTokens)
        {
            throw new InvalidOperationException($"expected {GeneratedTokens} tokens, got {tokens}");
        }
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EdgeAspire.Evaluator.Measurement;
using EdgeAspire.Evaluator.Projection;
using EdgeAspire.Evaluator.Scoring;
using EdgeAspire.Llama;
using EdgeAspire.Llama.Chat;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Evaluator.Backends;

/// <summary>A GGUF file run in this process through <see cref="InferenceEngine"/>. Texts are tokenized as
/// PromptApi tokenizes a text prompt (BOS added, special-token text parsed), so in-process and HTTP scores agree.</summary>
public sealed class LocalBackend : IModelBackend
{
    private readonly LlamaModel _model;
    private readonly InferenceEngine _engine;
    private readonly ChatTemplate _template;
    private readonly ProcessResourceProbe _probe = new();

    private LocalBackend(LlamaModel model, InferenceEngine engine)
    {
        _model = model;
        _engine = engine;
        _template = ChatTemplate.For(model);
        Model = Path.GetFileNameWithoutExtension(model.Path);
    }

    public string Model { get; }

    /// <summary>Generate past end-of-generation tokens, for load runs on synthetic models.</summary>
    public bool IgnoreEos { get; private init; }

    public static LocalBackend Open(string path, int contextSize, int threads, bool ignoreEos = false)
    {
        if (!File.Exists(path))
        {
            throw new BackendException($"model file {Path.GetFullPath(path)} does not exist");
        }
        LlamaModel model;
        try
        {
            LlamaRuntime.Initialize();
            model = LlamaModel.Load(path);
        }
        catch (Exception e) when (e is LlamaRuntimeException or Llama.Gguf.GgufFormatException or IOException)
        {
            throw new BackendException($"cannot load {path}: {e.Message}", null, e);
        }
        // Capped by the training context as the PromptApi caps it, so in-process and HTTP runs refuse the same prompts.
        var context = model.TrainContextLength > 0 ? Math.Min(contextSize, model.TrainContextLength) : contextSize;
        var engine = new InferenceEngine(model, new InferenceEngineOptions
        {
            Context = new LlamaContextOptions { ContextSize = context, Threads = threads },
            TokenEvents = 0,
        });
        return new LocalBackend(model, engine) { IgnoreEos = ignoreEos };
    }

    public async Task<IReadOnlyDictionary<string, string>> DescribeAsync(CancellationToken cancellationToken)
    {
        byte[] digest;
        var stream = File.OpenRead(_model.Path);
        await using (stream.ConfigureAwait(false))
        {
            digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        var runtime = LlamaRuntime.Current!;
        var gguf = Llama.Gguf.GgufReader.Read(_model.Path);
        var description = new Dictionary<string, string>
        {
            ["model_file"] = _model.Path,
            ["model_sha256"] = Convert.ToHexStringLower(digest),
            ["model_bytes"] = new FileInfo(_model.Path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["model_description"] = _model.Description,
            ["model_parameters"] = _model.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["model_synthetic"] = gguf.ModelInfo.IsSynthetic ? "true" : "false",
            ["llama_cpp_version"] = runtime.Version,
            ["llama_cpp_build"] = runtime.BuildInfo,
            ["cpu_backend"] = runtime.CpuBackend,
            ["context_size"] = _engine.ContextSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["threads"] = _engine.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["chat_template"] = _template.IsFallback ? ChatTemplate.FallbackName + " (fallback)" : "model's own",
        };
        // What the report's Pi 5 projection needs; recorded here, as the file may be gone when a report is rewritten.
        foreach (var (key, value) in ModelFootprint.Of(gguf).ToEnvironment())
        {
            description[key] = value;
        }
        return description;
    }

    public async Task<IReadOnlyList<ScoredText>> ScoreAsync(IReadOnlyList<(string Context, string Whole)> texts, CancellationToken cancellationToken)
    {
        var scored = new List<ScoredText>(texts.Count);
        foreach (var (context, whole) in texts)
        {
            scored.Add(await ScoreAsync(context, whole, cancellationToken).ConfigureAwait(false));
        }
        return scored;
    }

    private async Task<ScoredText> ScoreAsync(string context, string whole, CancellationToken cancellationToken)
    {
        var tokens = _engine.Tokenize(whole, addSpecial: true, parseSpecial: true);
        var contextTokens = _engine.Tokenize(context, addSpecial: true, parseSpecial: true).Length;
        // One batch over the whole text, as the server's echo scoring does (FirstScored 1: nothing reused from the cache).
        var result = await _engine.ScoreAsync(new ScoreRequest { Tokens = tokens, FirstScored = 1 }, cancellationToken).ConfigureAwait(false);
        var pieces = new List<string>(tokens.Length) { Encoding.UTF8.GetString(_model.Vocab.TokenBytes(tokens[0])) };
        pieces.AddRange(result.Tokens.Select(t => t.Text));
        var values = new List<double>(tokens.Length) { double.NaN };
        values.AddRange(result.Tokens.Select(t => t.LogProb));
        return new ScoredText(contextTokens, pieces, values, tokens);
    }

    public async Task<ChatMeasurement> ChatAsync(IReadOnlyList<ChatTurn> messages, int maxTokens, long seed, bool sampleResources, CancellationToken cancellationToken)
    {
        var prompt = _engine.Tokenize(_template.Apply([.. messages.Select(m => new PromptMessage(m.Role, m.Content))]), addSpecial: true, parseSpecial: true);
        var request = new GenerationRequest
        {
            PromptTokens = prompt,
            MaxTokens = Math.Max(0, Math.Min(maxTokens, _engine.ContextSize - prompt.Length)),
            Sampling = SamplingOptions.Greedy with { Seed = unchecked((uint)seed) },
            IgnoreEndOfGeneration = IgnoreEos,
        };
        var text = new StringBuilder();
        double? ttft = null;
        GenerationUpdate? final = null;
        await using var sampler = ResourceSampler.Start(sampleResources ? _probe : NoResourceProbe.Instance, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await foreach (var update in _engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (update.Text.Length > 0)
                {
                    ttft ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    text.Append(update.Text);
                }
                final = update.FinishReason is null ? final : update;
            }
        }
        catch (ContextLengthExceededException e)
        {
            throw new BackendException(e.Message, 400, e);
        }
        catch (QueueFullException e)
        {
            throw new BackendException(e.Message, 429, e);
        }
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var samples = await sampler.StopAsync().ConfigureAwait(false);
        var t = final?.Timings ?? new GenerationTimings();
        return new ChatMeasurement
        {
            Text = text.ToString(),
            FinishReason = final?.FinishReason?.ToString().ToLowerInvariant(),
            PromptTokens = t.PromptTokens,
            CachedTokens = t.CachedTokens,
            CompletionTokens = t.GeneratedTokens,
            TtftMs = ttft ?? latency,
            LatencyMs = latency,
            PromptMs = t.PromptMs,
            DecodeMs = t.GenerationMs,
            PrefillTokensPerSecond = t.PromptTokensPerSecond,
            DecodeTokensPerSecond = t.GenerationTokensPerSecond,
            TimingsSource = "server",
            Fingerprint = $"llama.cpp-{LlamaRuntime.Current?.BuildInfo}",
            Samples = samples,
            Resources = ResourceSummary.Of(samples),
        };
    }

    public ValueTask DisposeAsync()
    {
        _engine.Dispose();
        _model.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Diagnostics.Metrics;
using EdgeAspire.Llama;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Models;

namespace EdgeAspire.PromptApi;

/// <summary>The service's instruments (OpenTelemetry GenAI names where the conventions have one). Histogram buckets
/// reach minutes: a 7B model on a Pi 5 takes longer than the conventions' 10 s top bucket.</summary>
internal sealed class PromptApiMetrics : IDisposable
{
    public const string MeterName = "EdgeAspire.PromptApi";

    private static readonly double[] s_secondsBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];

    private static readonly double[] s_perTokenBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2.5, 5, 10, 20, 30, 60, 120];

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _promptTokens;
    private readonly Counter<long> _generatedTokens;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _timePerOutputToken;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<long> _tokenUsage;

    /// <param name="models">Null in gateway mode, which has no models: only the request counter is recorded then.</param>
    public PromptApiMetrics(IMeterFactory meterFactory, ModelManager? models = null)
    {
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("edgeaspire.requests", "{request}", "HTTP requests to the API, by route and status");
        _promptTokens = _meter.CreateCounter<long>("edgeaspire.prompt_tokens", "{token}", "Prompt tokens received (cached or not)");
        _generatedTokens = _meter.CreateCounter<long>("edgeaspire.generated_tokens", "{token}", "Tokens generated");
        _timeToFirstToken = _meter.CreateHistogram("gen_ai.server.time_to_first_token", "s", "Time from request to first generated token",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_secondsBuckets });
        _timePerOutputToken = _meter.CreateHistogram("gen_ai.server.time_per_output_token", "s", "Time per generated token after the first",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_perTokenBuckets });
        _requestDuration = _meter.CreateHistogram("gen_ai.server.request.duration", "s", "Time from the request's arrival to its last generated token or its failure",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_secondsBuckets });
        _tokenUsage = _meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens per request, by gen_ai.token.type (input, output)",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576] });
        if (models is null)
        {
            return;
        }
        _meter.CreateObservableGauge("edgeaspire.queue.depth", () => models.Loaded.Select(m =>
            new Measurement<int>(m.Engine.QueuedRequests, new KeyValuePair<string, object?>("gen_ai.request.model", m.Id))), "{request}", "Requests waiting for a sequence");
        _meter.CreateObservableGauge("edgeaspire.sequences.active", () => models.Loaded.Select(m =>
            new Measurement<int>(m.Engine.ActiveSequences, new KeyValuePair<string, object?>("gen_ai.request.model", m.Id))), "{sequence}", "Sequences generating or scoring");
        _meter.CreateObservableGauge("edgeaspire.kv_cache.usage", () => models.Loaded.Select(m =>
            new Measurement<double>((double)m.Engine.KvCacheTokens / (m.Engine.ContextSize * m.Engine.Sequences), new KeyValuePair<string, object?>("gen_ai.request.model", m.Id))), "1", "Share of the KV cache holding tokens");
        _meter.CreateObservableGauge("edgeaspire.native.objects", () => NativeObjectCounts.All.Select(o =>
            new Measurement<long>(o.Count, new KeyValuePair<string, object?>("kind", o.Kind))), "{object}", "llama.cpp objects alive in this process, by kind (model, context, sampler, threadpool, batch)");
        _meter.CreateObservableGauge("edgeaspire.models.loaded", () => models.Loaded.Count, "{model}", "Models in memory");
        _meter.CreateObservableGauge("edgeaspire.models.memory", () => models.UsedBytes, "By", "Estimated bytes of the loaded models");
    }

    public void RecordRequest(string route, int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>("http.route", route), new KeyValuePair<string, object?>("http.response.status_code", status));

    public void RecordGeneration(string operation, string model, GenerationTimings timings)
    {
        var tags = GenAiTags(operation, model);
        var modelTag = tags[2];
        _promptTokens.Add(timings.PromptTokens, modelTag);
        _generatedTokens.Add(timings.GeneratedTokens, modelTag);
        _tokenUsage.Record(timings.PromptTokens, [.. tags, new("gen_ai.token.type", "input")]);
        _tokenUsage.Record(timings.GeneratedTokens, [.. tags, new("gen_ai.token.type", "output")]);
        if (timings.GeneratedTokens > 0)
        {
            _timeToFirstToken.Record(timings.TimeToFirstTokenMs / 1000, tags);
        }
        if (timings.GeneratedTokens > 1)
        {
            _timePerOutputToken.Record(timings.GenerationMs / 1000 / (timings.GeneratedTokens - 1), tags);
        }
    }

    /// <summary>From the request's arrival to its last token (or its failure, named by <paramref name="errorType"/>).</summary>
    public void RecordRequestDuration(string operation, string model, TimeSpan elapsed, string? errorType)
    {
        var tags = GenAiTags(operation, model);
        if (errorType is null)
        {
            _requestDuration.Record(elapsed.TotalSeconds, tags);
        }
        else
        {
            _requestDuration.Record(elapsed.TotalSeconds, [.. tags, new("error.type", errorType)]);
        }
    }

    /// <summary>The attributes the GenAI conventions require on every server metric.</summary>
    private static KeyValuePair<string, object?>[] GenAiTags(string operation, string model) =>
    [
        new("gen_ai.operation.name", operation),
        new("gen_ai.provider.name", GenAiTelemetry.ProviderName),
        new("gen_ai.request.model", model),
    ];

    public void Dispose() => _meter.Dispose();
}

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Measurement;
using EdgeAspire.Evaluator.Scoring;
using OpenAI;
using OpenAI.Chat;
using Refit;

namespace EdgeAspire.Evaluator.Backends;

/// <summary>
/// An OpenAI-compatible endpoint (its <c>/v1</c> URL). Chat goes through the OpenAI SDK's <see cref="ChatClient"/>;
/// scoring uses <c>/v1/completions</c> with <c>echo</c> + <c>logprobs</c> + <c>max_tokens: 0</c> over plain HTTP
/// (the SDK has no legacy-completions client). Resources come from the server's <c>/metrics</c>, or behind a gateway
/// from the <c>/metrics</c> of the worker that served each request (<see cref="ServingProbes"/>).
/// </summary>
public sealed class HttpBackend : IModelBackend
{
    private readonly HttpClient _http;
    private readonly IModelsApi _models;
    private readonly ChatClient _chat;
    private readonly Uri _endpoint;
    private ServingProbes _probes;

    private HttpBackend(Uri endpoint, string model, string? apiKey, Uri? metricsUrl, TimeSpan timeout)
    {
        _endpoint = new Uri(endpoint.ToString().TrimEnd('/') + "/");
        Model = model;
        _http = new HttpClient { Timeout = timeout, BaseAddress = _endpoint };
        _models = RestService.For<IModelsApi>(_http);
        if (apiKey is { Length: > 0 })
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = timeout,
            // A 429 is a measurement (load), not something to hide behind retries.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        options.AddPolicy(new TimingsTapPolicy(), PipelinePosition.PerCall);
        _chat = new ChatClient(model, new ApiKeyCredential(apiKey is { Length: > 0 } ? apiKey : "none"), options);
        _probes = ServingProbes.Of(_http, metricsUrl ?? DefaultMetricsUrl);
    }

    private Uri DefaultMetricsUrl => new(new Uri(_endpoint.GetLeftPart(UriPartial.Authority)), "/metrics");

    public string Model { get; }

    /// <summary>Where CPU and memory are read: the server's, or each worker's behind a gateway.</summary>
    public ServingProbes Probes => _probes;

    /// <summary>Chat requests carry <c>ignore_eos: true</c> (llama-server's and the PromptApi's extension).</summary>
    public bool IgnoreEos { get; private init; }

    /// <summary>Connects and checks that the endpoint serves <paramref name="model"/> (when it lists its models).</summary>
    public static async Task<HttpBackend> ConnectAsync(Uri endpoint, string model, string? apiKey, Uri? metricsUrl, TimeSpan timeout, CancellationToken cancellationToken,
        bool ignoreEos = false)
    {
        var backend = new HttpBackend(endpoint, model, apiKey, metricsUrl, timeout) { IgnoreEos = ignoreEos };
        try
        {
            await backend.CheckModelAsync(cancellationToken).ConfigureAwait(false);
            if (metricsUrl is null)
            {
                backend._probes = await ServingProbes.DiscoverAsync(backend._http, new Uri(backend._endpoint, "workers"), backend.DefaultMetricsUrl, cancellationToken).ConfigureAwait(false);
            }
            return backend;
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> DescribeAsync(CancellationToken cancellationToken)
    {
        var description = new Dictionary<string, string> { ["endpoint"] = _endpoint.ToString(), ["model"] = Model, ["metrics"] = _probes.Describe() };
        if (_probes.ByWorker.Count > 0)
        {
            description["resources_of"] = "the worker that served each request (the gateway's X-EdgeAspire-Worker header)";
        }
        // One token tells the server's build (system_fingerprint) without a measurable cost.
        var probe = await SendAsync("completions", new JsonObject { ["model"] = Model, ["prompt"] = "Hello", ["max_tokens"] = 1, ["temperature"] = 0 }, cancellationToken).ConfigureAwait(false);
        if (probe.TryGetProperty("system_fingerprint", out var fingerprint) && fingerprint.ValueKind == JsonValueKind.String)
        {
            description["system_fingerprint"] = fingerprint.GetString()!;
        }
        await DescribeServedModelAsync(description, cancellationToken).ConfigureAwait(false);
        return description;
    }

    /// <summary>
    /// Per pair, two requests. The whole text with <c>echo</c>, <c>logprobs: 0</c> and <c>max_tokens: 0</c> gives
    /// its tokens and their log-probabilities. The context alone with <c>max_tokens: 0</c> (no echo) gives, as
    /// <c>usage.prompt_tokens</c>, its token count as the server's tokenizer makes it alone — what
    /// lm-evaluation-harness (<c>whole[len(tok(context)):]</c>) and llama-perplexity (<c>n_base</c>) count — with
    /// no client-side tokenizer and no guessing from text offsets; it costs almost nothing, the context being a
    /// prefix of the text just evaluated. One request per text keeps each server's answer unambiguous; an array of
    /// prompts would save round trips where a server supports echo with several prompts.
    /// </summary>
    public async Task<IReadOnlyList<ScoredText>> ScoreAsync(IReadOnlyList<(string Context, string Whole)> texts, CancellationToken cancellationToken)
    {
        var scored = new List<ScoredText>(texts.Count);
        foreach (var (context, whole) in texts)
        {
            var response = await SendAsync("completions", new JsonObject
            {
                ["model"] = Model, ["prompt"] = whole, ["echo"] = true, ["logprobs"] = 0, ["max_tokens"] = 0, ["temperature"] = 0,
            }, cancellationToken).ConfigureAwait(false);
            var logprobs = response.GetProperty("choices")[0].GetProperty("logprobs");
            var pieces = logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString() ?? "").ToList();
            var values = logprobs.GetProperty("token_logprobs").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN).ToList();
            if (pieces.Count != values.Count || pieces.Count == 0)
            {
                throw new BackendException($"{_endpoint}completions returned {pieces.Count} tokens and {values.Count} log-probabilities for an echoed prompt");
            }
            var counted = await SendAsync("completions", new JsonObject { ["model"] = Model, ["prompt"] = context, ["max_tokens"] = 0, ["temperature"] = 0 }, cancellationToken).ConfigureAwait(false);
            scored.Add(new ScoredText(counted.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), pieces, values));
        }
        return scored;
    }

    public async Task<ChatMeasurement> ChatAsync(IReadOnlyList<ChatTurn> messages, int maxTokens, long seed, bool sampleResources, CancellationToken cancellationToken)
    {
#pragma warning disable OPENAI001 // Seed is marked experimental; deterministic runs need it.
        var options = new ChatCompletionOptions { MaxOutputTokenCount = maxTokens, Temperature = 0, Seed = seed };
#pragma warning restore OPENAI001
        if (IgnoreEos)
        {
#pragma warning disable SCME0001 // JsonPatch is experimental; it is the SDK's way to send a field it does not model.
            options.Patch.Set("$.ignore_eos"u8, true);
#pragma warning restore SCME0001
        }
        var capture = TimingsTapPolicy.Begin();
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        string? finish = null;
        string? fingerprint = null;
        double? ttft = null;
        await using var samplers = ServingSamplers.Start(sampleResources ? _probes : null, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await foreach (var update in _chat.CompleteChatStreamingAsync(messages.Select(ToSdk), options, cancellationToken).ConfigureAwait(false))
            {
                foreach (var part in update.ContentUpdate)
                {
                    if (part.Text is { Length: > 0 } piece)
                    {
                        ttft ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        text.Append(piece);
                    }
                }
                usage = update.Usage ?? usage;
                finish = update.FinishReason?.ToString() ?? finish;
                fingerprint = update.SystemFingerprint ?? fingerprint;
            }
        }
        catch (ClientResultException e)
        {
            throw new BackendException(Describe(e), e.Status, e);
        }
        catch (HttpRequestException e)
        {
            throw new BackendException($"cannot reach {_endpoint}: {e.Message}", null, e);
        }
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var samples = await samplers.StopAsync(capture.Worker).ConfigureAwait(false);
        var timings = capture.Timings;
        var measurement = new ChatMeasurement
        {
            Text = text.ToString(),
            FinishReason = finish,
            PromptTokens = usage?.InputTokenCount ?? 0,
            CachedTokens = usage?.InputTokenDetails?.CachedTokenCount ?? timings?.CacheN ?? 0,
            CompletionTokens = usage?.OutputTokenCount ?? timings?.PredictedN ?? 0,
            TtftMs = ttft ?? latency,
            LatencyMs = latency,
            Fingerprint = fingerprint ?? capture.Fingerprint,
            Worker = capture.Worker,
            Samples = samples,
            Resources = ResourceSummary.Of(samples),
        };
        return timings is null
            ? measurement.WithClientRates()
            : measurement with
            {
                TimingsSource = "server",
                PromptMs = timings.PromptMs,
                DecodeMs = timings.PredictedMs,
                PrefillTokensPerSecond = timings.PromptPerSecond,
                DecodeTokensPerSecond = timings.PredictedPerSecond,
            };
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>What the server says of the model file (EdgeAspire's <c>meta</c>: sha256, architecture, quantisation…),
    /// recorded as <c>model_*</c> like an in-process run; servers without such details add nothing.</summary>
    private async Task DescribeServedModelAsync(Dictionary<string, string> description, CancellationToken cancellationToken)
    {
        using var response = await _models.GetAsync(Model, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessful || response.Content.ValueKind != JsonValueKind.Object
            || !response.Content.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var property in meta.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
        {
            description["model_" + property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }
    }

    private async Task CheckModelAsync(CancellationToken cancellationToken)
    {
        IApiResponse<JsonElement> response;
        try
        {
            response = await _models.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new BackendException($"cannot reach {_endpoint}: {e.Message}", null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackendException($"cannot reach {_endpoint}: no answer within {_http.Timeout.TotalSeconds:0} s", null, e);
        }
        using (response)
        {
            if (!response.IsSuccessful)
            {
                // Not every compatible server lists its models; the first request will tell.
                return;
            }
            var body = response.Content;
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                var ids = data.EnumerateArray().Select(m => m.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>().ToList();
                if (!ids.Contains(Model, StringComparer.Ordinal))
                {
                    throw new BackendException($"unknown model '{Model}': {_endpoint} serves {(ids.Count == 0 ? "no models" : string.Join(", ", ids))}");
                }
            }
        }
    }

    private async Task<JsonElement> SendAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(new Uri(_endpoint, path), body, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new BackendException($"cannot reach {_endpoint}: {e.Message}", null, e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new BackendException($"{_endpoint}{path} answered {(int)response.StatusCode}: {ErrorMessage(text)}", (int)response.StatusCode);
            }
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }

    private static string Describe(ClientResultException e)
    {
        var raw = e.GetRawResponse()?.Content?.ToString();
        return $"the server answered {e.Status}: {(raw is null ? e.Message : ErrorMessage(raw))}";
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON: show the start of it.
        }
        return body.Length > 200 ? body[..200] : body;
    }

    private static ChatMessage ToSdk(ChatTurn turn) => turn.Role switch
    {
        "assistant" => new AssistantChatMessage(turn.Content),
        "system" => new SystemChatMessage(turn.Content),
        _ => new UserChatMessage(turn.Content),
    };
}

using System.Text;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api.Contracts;
using EdgeAspire.PromptApi.Models;

namespace EdgeAspire.PromptApi.Api;

internal static class CompletionsApi
{
    public static RouteGroupBuilder MapCompletionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/completions", CreateCompletion);
        return v1;
    }

    public static async Task<IResult> CreateCompletion(HttpContext http, ModelManager models, PromptApiMetrics metrics)
    {
        var aborted = http.RequestAborted;
        var body = await RequestBody.ReadAsync(http.Request, PromptApiJsonContext.Default.CompletionRequest, aborted);
        var modelId = GenerationRequestMapper.RequireModel(body);
        if (body.Logprobs is { } n && (n < 0 || n > GenerationRequest.MaxTopLogProbs))
        {
            throw new RequestValidationException("logprobs", $"'logprobs' must be between 0 and {GenerationRequest.MaxTopLogProbs}.");
        }
        if (body.Suffix is { Length: > 0 })
        {
            throw new RequestValidationException("suffix", "'suffix' (fill-in-the-middle) is not supported.");
        }

        // OpenAI's default for legacy completions is 16 tokens.
        var maxTokens = body.MaxTokens ?? 16;

        using var operation = new GenAiOperation(metrics, "text_completion", modelId);
        try
        {
            GenerationRequestMapper.Validate(body, maxTokens);
            using var lease = await models.AcquireAsync(modelId, aborted);
            GenAiTelemetry.Model(operation.Span, lease.Model);
            var engine = lease.Model.Engine;
            // The request counts in the model's queue from here: a full queue refuses it before it is tokenized.
            using var place = engine.EnterQueue();
            IReadOnlyList<(int[] Tokens, string Text)> prompts;
            using (GenAiTelemetry.StartStage("tokenize"))
            {
                prompts = await CompletionPrompts.ParseAsync(body.Prompt, lease.Model, place, aborted);
            }
            if (body.Stream == true && prompts.Count != 1)
            {
                throw new RequestValidationException("prompt", "Streaming takes a single prompt.");
            }
            var id = $"cmpl-{Guid.NewGuid():N}";
            void Finished(FinishReason reason, GenerationTimings timings)
            {
                operation.Generated(timings);
                operation.Responded(id, reason, timings);
            }

            var choices = new List<CompletionChoice>();
            GenerationTimings? total = null;
            var finish = FinishReason.Stop;
            for (var i = 0; i < prompts.Count; i++)
            {
                var (tokens, text) = prompts[i];
                var request = GenerationRequestMapper.Map(body, tokens, engine.ContextSize, maxTokens, body.Logprobs);
                GenAiTelemetry.Request(operation.Span, request);
                if (body.Stream == true)
                {
                    var updates = engine.GenerateAsync(request, place, aborted);
                    if (await StreamAsync(http.Response, updates, id, modelId, body.Echo == true ? text : "", body.StreamOptions?.IncludeUsage == true, Finished, aborted) is { } failure)
                    {
                        operation.Failed(failure);
                    }
                    return Results.Empty;
                }
                // The first prompt's generation takes the place; later ones queue again, one after another.
                var (choice, reason, timings) = await CompleteAsync(engine, request, i == 0 ? place : engine.EnterQueue(), body.Echo == true, text, i, aborted);
                operation.Generated(timings);
                choices.Add(choice);
                total = total is null ? timings : Sum(total, timings);
                finish = reason;
            }
            operation.Responded(id, finish, total!);
            return TypedResults.Json(
                new CompletionResponse(id, "text_completion", ResponseMapping.Now(), modelId, choices, ResponseMapping.Usage(total!), ResponseMapping.Timings(total!), ResponseMapping.Fingerprint),
                PromptApiJsonContext.Default.CompletionResponse);
        }
        catch (Exception e)
        {
            operation.Failed(e);
            throw;
        }
    }

    /// <param name="place">The request's place in the queue, which its first pass takes (given back if none does).</param>
    private static async Task<(CompletionChoice, FinishReason, GenerationTimings)> CompleteAsync(InferenceEngine engine, GenerationRequest request, QueuePlace place, bool echo, string promptText, int index, CancellationToken aborted)
    {
        using (place)
        {
            var logprobs = request.TopLogProbs is { } top ? new LogprobsBuilder() : null;
            var tokens = request.PromptTokens;
            var scoreFirst = echo && logprobs is not null && tokens.Count > 1;
            if (echo && logprobs is not null)
            {
                logprobs.AddUnscored(engine.Model.Vocab, tokens[0]);
            }
            if (scoreFirst)
            {
                // Scored first, in one batch: the generation after it finds the prompt in the KV cache.
                var scored = await engine.ScoreAsync(new ScoreRequest { Tokens = tokens, FirstScored = 1, TopLogProbs = request.TopLogProbs!.Value }, place, aborted);
                logprobs!.AddRange(scored.Tokens);
            }
            // After scoring, the generation queues again like any request.
            var result = scoreFirst ? await engine.GenerateTextAsync(request, aborted) : await engine.GenerateTextAsync(request, place, aborted);
            logprobs?.AddRange(result.LogProbs);
            var text = echo ? promptText + result.Text : result.Text;
            return (new CompletionChoice(text, index, logprobs?.Build(), ResponseMapping.FinishReason(result.FinishReason)), result.FinishReason, result.Timings);
        }
    }

    private static async Task<Exception?> StreamAsync(HttpResponse response, IAsyncEnumerable<GenerationUpdate> updates, string id, string model, string echo, bool includeUsage,
        Action<FinishReason, GenerationTimings> finished, CancellationToken aborted)
    {
        var created = ResponseMapping.Now();
        CompletionResponse Chunk(CompletionChoice? choice, Usage? usage = null, Timings? timings = null) =>
            new(id, "text_completion", created, model, choice is null ? [] : [choice], usage, timings, ResponseMapping.Fingerprint);

        var shape = new ChunkShape<CompletionResponse>(
            PromptApiJsonContext.Default.CompletionResponse,
            Update: u => u.Text.Length > 0 ? Chunk(new CompletionChoice(u.Text, 0, null, null)) : null,
            Final: (u, t) => Chunk(new CompletionChoice(u.Text, 0, null, ResponseMapping.FinishReason(u.FinishReason!.Value)), timings: ResponseMapping.Timings(t)),
            UsageOnly: usage => Chunk(null, usage));
        CompletionResponse[] leading = echo.Length > 0 ? [Chunk(new CompletionChoice(echo, 0, null, null))] : [];
        return await GenerationStream.WriteAsync(response, updates, shape, leading, includeUsage, (u, t) => finished(u.FinishReason!.Value, t), aborted);
    }

    private static GenerationTimings Sum(GenerationTimings a, GenerationTimings b) => a with
    {
        PromptTokens = a.PromptTokens + b.PromptTokens,
        CachedTokens = a.CachedTokens + b.CachedTokens,
        PromptMs = a.PromptMs + b.PromptMs,
        GeneratedTokens = a.GeneratedTokens + b.GeneratedTokens,
        GenerationMs = a.GenerationMs + b.GenerationMs,
    };

    /// <summary>The legacy parallel arrays, with text offsets into the returned text.</summary>
    private sealed class LogprobsBuilder
    {
        private readonly List<string> _tokens = [];
        private readonly List<double?> _logprobs = [];
        private readonly List<Dictionary<string, double>?> _top = [];
        private readonly List<int> _offsets = [];
        private int _offset;

        public void AddUnscored(Llama.LlamaVocab vocab, int token) => Add(Encoding.UTF8.GetString(vocab.TokenBytes(token)), null, null);

        public void AddRange(IEnumerable<TokenLogProb> tokens)
        {
            foreach (var t in tokens)
            {
                var top = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var alternative in t.Top)
                {
                    top.TryAdd(alternative.Text, alternative.LogProb);
                }
                Add(t.Text, t.LogProb, top);
            }
        }

        public CompletionLogprobs Build() => new(_tokens, _logprobs, _top, _offsets);

        private void Add(string text, double? logprob, Dictionary<string, double>? top)
        {
            _tokens.Add(text);
            _logprobs.Add(logprob);
            _top.Add(top);
            _offsets.Add(_offset);
            _offset += text.Length;
        }
    }
}

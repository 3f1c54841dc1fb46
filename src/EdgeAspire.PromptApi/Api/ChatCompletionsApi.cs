using System.Text;
using EdgeAspire.Llama.Chat.Tools;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api.Contracts;
using EdgeAspire.PromptApi.Models;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Api;

internal static class ChatCompletionsApi
{
    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CreateChatCompletion);
        return v1;
    }

    public static async Task<IResult> CreateChatCompletion(HttpContext http, ModelManager models, PromptApiMetrics metrics, IOptions<TelemetryOptions> telemetry)
    {
        var aborted = http.RequestAborted;
        var body = await RequestBody.ReadAsync(http.Request, PromptApiJsonContext.Default.ChatCompletionRequest, aborted);
        var modelId = GenerationRequestMapper.RequireModel(body);
        var messages = ChatMessages.Parse(body.Messages);
        var topLogProbs = TopLogProbs(body);
        var maxTokens = body.MaxCompletionTokens ?? body.MaxTokens;

        using var operation = new GenAiOperation(metrics, "chat", modelId);
        var capture = telemetry.Value.CaptureMessageContent;
        if (capture)
        {
            GenAiMessages.Input(operation.Span, messages);
        }
        try
        {
            GenerationRequestMapper.Validate(body, maxTokens, body.MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens");
            UnsupportedParameters.Check(body);
            var tools = ToolRequest.Parse(body);
            var grammar = ResponseFormats.Grammar(body.ResponseFormat);
            if (grammar is not null && tools.Active)
            {
                throw new RequestValidationException("response_format", "'response_format' json_object/json_schema together with 'tools' is not supported; send 'tool_choice': 'none' or leave out one of them.");
            }
            tools.CheckSchemas();
            using var lease = await models.AcquireAsync(modelId, aborted);
            GenAiTelemetry.Model(operation.Span, lease.Model);
            var model = lease.Model;
            var toolFormat = model.Template.ToolFormat;
            var text = model.Template.Apply(tools.Active || messages.Any(m => m.Role == "tool" || m.ToolCalls is not null)
                ? toolFormat.Render(messages, tools.Active ? tools.Tools : [])
                : messages);
            if (PromptSize.Problem(text, model) is { } tooLong)
            {
                throw new ContextLengthExceededException(tooLong);
            }
            // The request counts in the model's queue from here: a full queue refuses it before it is tokenized.
            using var place = model.Engine.EnterQueue();
            int[] prompt;
            using (GenAiTelemetry.StartStage("tokenize"))
            {
                prompt = await model.Engine.TokenizeAsync(place, text, addSpecial: true, parseSpecial: true, aborted);
            }
            if (prompt.Length > model.Engine.ContextSize)
            {
                throw new ContextLengthExceededException(prompt.Length, model.Engine.ContextSize);
            }
            var request = GenerationRequestMapper.Map(body, prompt, model.Engine.ContextSize, maxTokens, topLogProbs) with
            {
                Grammar = grammar ?? (tools.Forced.Count > 0 ? toolFormat.ForcedCalls(tools.Forced, tools.Parallel) : null),
            };
            var toolNames = tools.Active ? tools.Tools.Select(t => t.Name).ToHashSet() : [];
            GenAiTelemetry.Request(operation.Span, request);
            var id = $"chatcmpl-{Guid.NewGuid():N}";
            var created = ResponseMapping.Now();
            void Finished(FinishReason reason, GenerationTimings timings)
            {
                operation.Generated(timings);
                operation.Responded(id, reason, timings);
            }

            if (body.Stream == true)
            {
                var updates = model.Engine.GenerateAsync(request, place, aborted); // queue-full and bad input throw here, before headers
                var answer = new StringBuilder();
                if (capture)
                {
                    updates = GenAiMessages.Collect(updates, answer);
                }
                void StreamFinished(FinishReason reason, GenerationTimings timings)
                {
                    Finished(reason, timings);
                    if (capture)
                    {
                        GenAiMessages.Output(operation.Span, answer.ToString(), reason);
                    }
                }
                var toolCalls = tools.Active ? new ToolCallStream(toolFormat, toolNames) : null;
                if (toolCalls is not null)
                {
                    updates = toolCalls.Filter(updates, aborted);
                }
                if (await StreamAsync(http.Response, updates, id, created, modelId, body.StreamOptions?.IncludeUsage == true, StreamFinished, toolCalls, aborted) is { } failure)
                {
                    operation.Failed(failure);
                }
                return Results.Empty;
            }

            var result = await model.Engine.GenerateTextAsync(request, place, aborted);
            Finished(result.FinishReason, result.Timings);
            if (capture)
            {
                GenAiMessages.Output(operation.Span, result.Text, result.FinishReason);
            }
            var logprobs = topLogProbs is null ? null : new ChatLogprobs([.. result.LogProbs.Select(ResponseMapping.ChatLogprob)]);
            var output = tools.Active ? toolFormat.Parse(result.Text, toolNames) : new ToolCallOutput(result.Text, []);
            var choice = output.Calls.Count > 0
                ? new ChatChoice(0, new ChatMessageOut("assistant", output.Content, ToolCalls(output.Calls, streamed: false)), null, logprobs, "tool_calls")
                : new ChatChoice(0, new ChatMessageOut("assistant", result.Text), null, logprobs, ResponseMapping.FinishReason(result.FinishReason));
            return TypedResults.Json(
                new ChatCompletionResponse(id, "chat.completion", created, modelId, [choice], ResponseMapping.Usage(result.Timings), ResponseMapping.Timings(result.Timings), ResponseMapping.Fingerprint),
                PromptApiJsonContext.Default.ChatCompletionResponse);
        }
        catch (Exception e)
        {
            operation.Failed(e);
            throw;
        }
    }

    private static async Task<Exception?> StreamAsync(HttpResponse response, IAsyncEnumerable<GenerationUpdate> updates, string id, long created, string model,
        bool includeUsage, Action<FinishReason, GenerationTimings> finished, ToolCallStream? toolCalls, CancellationToken aborted)
    {
        ChatCompletionResponse Chunk(ChatChoice? choice, Usage? usage = null, Timings? timings = null) =>
            new(id, "chat.completion.chunk", created, model, choice is null ? [] : [choice], usage, timings, ResponseMapping.Fingerprint);
        static ChatLogprobs? Logprobs(GenerationUpdate update) => update.LogProb is { } p ? new ChatLogprobs([ResponseMapping.ChatLogprob(p)]) : null;

        var shape = new ChunkShape<ChatCompletionResponse>(
            PromptApiJsonContext.Default.ChatCompletionResponse,
            Update: u => u.Text.Length > 0 || u.LogProb is not null ? Chunk(new ChatChoice(0, null, new ChatMessageOut(null, u.Text), Logprobs(u), null)) : null,
            Final: (u, t) => toolCalls is { Calls.Count: > 0 }
                ? Chunk(new ChatChoice(0, null, new ChatMessageOut(null, null, ToolCalls(toolCalls.Calls, streamed: true)), null, "tool_calls"), timings: ResponseMapping.Timings(t))
                : Chunk(new ChatChoice(0, null, new ChatMessageOut(null, u.Text), Logprobs(u), ResponseMapping.FinishReason(u.FinishReason!.Value)), timings: ResponseMapping.Timings(t)),
            UsageOnly: usage => Chunk(null, usage));
        var roleChunk = Chunk(new ChatChoice(0, null, new ChatMessageOut("assistant", ""), null, null));
        return await GenerationStream.WriteAsync(response, updates, shape, [roleChunk], includeUsage, (u, t) => finished(u.FinishReason!.Value, t), aborted);
    }

    private static ToolCallOut[] ToolCalls(IReadOnlyList<ToolCall> calls, bool streamed) =>
        [.. calls.Select((c, i) => new ToolCallOut(streamed ? i : null, c.Id, "function", new FunctionCallOut(c.Name, c.Arguments)))];

    private static int? TopLogProbs(ChatCompletionRequest body)
    {
        if (body.TopLogprobs is { } top && (top < 0 || top > GenerationRequest.MaxTopLogProbs))
        {
            throw new RequestValidationException("top_logprobs", $"'top_logprobs' must be between 0 and {GenerationRequest.MaxTopLogProbs}.");
        }
        if (body.TopLogprobs is not null && body.Logprobs != true)
        {
            throw new RequestValidationException("top_logprobs", "'top_logprobs' requires 'logprobs': true.");
        }
        return body.Logprobs == true ? body.TopLogprobs ?? 0 : null;
    }
}

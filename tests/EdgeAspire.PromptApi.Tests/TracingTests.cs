using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>One trace per request: the client's trace id, the server span, the GenAI operation span and every token
/// stage under it, seen by an in-process listener.</summary>
public sealed class TracingTests : IDisposable
{
    private const string ChatRoute = "POST /v1/chat/completions";

    // No client-side propagation: the SDK in this process listens to HttpClient's spans, and the handler would add
    // its own traceparent beside the one a test sets.
    private static readonly HttpClient s_client = new(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { Timeout = TimeSpan.FromSeconds(120) };

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentDictionary<(ActivityTraceId, string), TaskCompletionSource<Activity>> _awaited = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("EdgeAspire.", StringComparison.Ordinal) || source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                _spans.Enqueue(span);
                Awaited(span.TraceId, span.DisplayName).TrySetResult(span);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Streamed_chat_is_one_trace_from_the_client_through_every_token_stage()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        var trace = ActivityTraceId.CreateRandom();

        using var response = await PostAsync(server, trace, new
        {
            model = TestModels.Synthetic, stream = true, max_tokens = 6, temperature = 0, ignore_eos = true,
            messages = new[] { new { role = "user", content = "Hi" } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("data: [DONE]\n\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var operation = await SpanAsync(trace, "chat synthetic");
        var serverSpan = await SpanAsync(trace, ChatRoute);
        Assert.Equal(serverSpan.SpanId, operation.ParentSpanId);
        Assert.Equal(ActivityKind.Server, serverSpan.Kind);
        var stages = _spans.Where(s => s.TraceId == trace && s.ParentSpanId == operation.SpanId).OrderBy(s => s.StartTimeUtc).Select(s => s.DisplayName);
        Assert.Equal(["model.load", "tokenize", "queue", "prefill", "decode", "detokenize"], stages);
        Assert.Equal("chat", operation.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("llama.cpp", operation.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(TestModels.Synthetic, operation.GetTagItem("gen_ai.request.model"));
        Assert.Equal(6, operation.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(0f, operation.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(6, operation.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.True((int)operation.GetTagItem("gen_ai.usage.input_tokens")! > 0);
        Assert.Equal(["length"], (string[])operation.GetTagItem("gen_ai.response.finish_reasons")!);
        var decode = _spans.Single(s => s.TraceId == trace && s.DisplayName == "decode");
        Assert.Equal(6, decode.Events.Count(e => e.Name == "token"));
        // Prompts and answers are the user's: not recorded unless asked for (the next test).
        Assert.Null(operation.GetTagItem("gen_ai.input.messages"));
        Assert.Null(operation.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task Opted_in_the_conversation_is_on_the_operation_span_as_the_genai_conventions_shape_it()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) },
            configuration: new Dictionary<string, string> { ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = "true" });
        var trace = ActivityTraceId.CreateRandom();

        using var response = await PostAsync(server, trace, new
        {
            model = TestModels.Synthetic, stream = true, max_tokens = 5, temperature = 0, ignore_eos = true,
            messages = new[] { new { role = "system", content = "Be brief." }, new { role = "user", content = "Hi \"there\"" } },
        });
        var streamed = string.Concat((await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n')
            .Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["data: ".Length..]).RootElement.GetProperty("choices"))
            .Where(c => c.GetArrayLength() > 0 && c[0].GetProperty("delta").TryGetProperty("content", out _))
            .Select(c => c[0].GetProperty("delta").GetProperty("content").GetString()));

        var operation = await SpanAsync(trace, "chat synthetic");
        var input = JsonDocument.Parse((string)operation.GetTagItem("gen_ai.input.messages")!).RootElement;
        Assert.Equal(["system", "user"], input.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        var userPart = input[1].GetProperty("parts")[0];
        Assert.Equal("text", userPart.GetProperty("type").GetString());
        Assert.Equal("Hi \"there\"", userPart.GetProperty("content").GetString());
        var output = Assert.Single(JsonDocument.Parse((string)operation.GetTagItem("gen_ai.output.messages")!).RootElement.EnumerateArray());
        Assert.Equal("assistant", output.GetProperty("role").GetString());
        Assert.Equal("length", output.GetProperty("finish_reason").GetString());
        Assert.Equal(streamed, output.GetProperty("parts")[0].GetProperty("content").GetString());
        Assert.NotEmpty(streamed);
    }

    [Fact]
    public async Task A_trace_started_around_the_OpenAI_client_continues_in_the_server()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        var client = new OpenAI.Chat.ChatClient(TestModels.Synthetic, new System.ClientModel.ApiKeyCredential("unused"),
            new OpenAI.OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });
        using var caller = new ActivitySource("EdgeAspire.Tests.Client").StartActivity("evaluate", ActivityKind.Client);

        await client.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("Hi")], new OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 2 }, TestModels.Timeout());

        // The server span stops after the client has read the response: await it as well.
        var operation = await SpanAsync(caller!.TraceId, "chat synthetic");
        var serverSpan = await SpanAsync(caller.TraceId, ChatRoute);
        Assert.Equal(ActivityKind.Server, serverSpan.Kind);
        Assert.Equal(serverSpan.SpanId, operation.ParentSpanId);
    }

    [Fact]
    public async Task A_failed_request_sets_error_status_on_its_operation_span()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) }, new Dictionary<string, string> { ["ContextSize"] = "32" });
        var trace = ActivityTraceId.CreateRandom();

        using var response = await PostAsync(server, trace, new { model = TestModels.Synthetic, messages = new[] { new { role = "user", content = string.Join(' ', Enumerable.Repeat("word", 100)) } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var operation = await SpanAsync(trace, "chat synthetic");
        Assert.Equal(ActivityStatusCode.Error, operation.Status);
        Assert.Equal("ContextLengthExceededException", operation.GetTagItem("error.type"));
        Assert.Contains(operation.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task Operation_span_names_the_model_file_by_its_sha256()
    {
        var file = TestModels.Require(TestModels.Synthetic);
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = file });
        var body = new { model = TestModels.Synthetic, max_tokens = 1, messages = new[] { new { role = "user", content = "Hi" } } };
        using (await PostAsync(server, ActivityTraceId.CreateRandom(), body)) { }
        var hashed = await server.Models.Loaded.Single().Entry.Sha256.WaitAsync(TestModels.Timeout());
        var trace = ActivityTraceId.CreateRandom();

        using var response = await PostAsync(server, trace, body);

        var operation = await SpanAsync(trace, "chat synthetic");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), hashed);
        Assert.Equal(hashed, operation.GetTagItem("edgeaspire.model.sha256"));
        Assert.Equal(TestModels.Synthetic, operation.GetTagItem("gen_ai.response.model"));
        Assert.Equal(2, operation.GetTagItem("edgeaspire.threads"));
    }

    [Fact]
    public async Task A_refused_request_and_a_cancelled_stream_are_traced_as_such()
    {
        await using var server = QueueTests.SlowServer(queueLength: 1);
        var cancelledTrace = ActivityTraceId.CreateRandom();
        var hold = await PostAsync(server, cancelledTrace, new { model = "slow", stream = true, ignore_eos = true, messages = new[] { new { role = "user", content = "Hi" } } },
            HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await hold.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        // Once generated text arrives, the stream holds the model's only sequence.
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line && !HasGeneratedText(line))
        {
        }
        // Two more requests: one waits in the queue, the other is refused; which is which is up to the race.
        var shortRequest = new { model = "slow", max_tokens = 2, messages = new[] { new { role = "user", content = "Hi" } } };
        var traces = new[] { ActivityTraceId.CreateRandom(), ActivityTraceId.CreateRandom() };
        var pending = traces.Select(t => PostAsync(server, t, shortRequest)).ToList();
        var first = await Task.WhenAny(pending);
        using (var refused = await first)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        var refusedTrace = traces[pending.IndexOf(first)];
        reader.Dispose();
        hold.Dispose(); // the client lets go mid-stream
        using (var served = await pending.Single(p => p != first))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        var refusedSpan = await SpanAsync(refusedTrace, "chat slow");
        Assert.Equal(ActivityStatusCode.Error, refusedSpan.Status);
        Assert.Equal("QueueFullException", refusedSpan.GetTagItem("error.type"));
        var decode = await SpanAsync(cancelledTrace, "decode");
        Assert.Equal("cancelled", decode.GetTagItem("edgeaspire.finish_reason"));
        var cancelled = await SpanAsync(cancelledTrace, "chat slow");
        Assert.Equal(["cancelled"], (string[])cancelled.GetTagItem("gen_ai.response.finish_reasons")!);
    }

    public void Dispose() => _listener.Dispose();

    private static async Task<HttpResponseMessage> PostAsync(PromptApiServer server, ActivityTraceId trace, object body,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "/v1/chat/completions"))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        return await s_client.SendAsync(request, completion, TestModels.Timeout());
    }

    private static bool HasGeneratedText(string sseLine) =>
        sseLine.StartsWith("data: {", StringComparison.Ordinal)
        && JsonDocument.Parse(sseLine["data: ".Length..]).RootElement.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices
        && choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 };

    /// <summary>The operation span stops after the response has been sent: await it.</summary>
    private Task<Activity> SpanAsync(ActivityTraceId trace, string name) =>
        Awaited(trace, name).Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    private TaskCompletionSource<Activity> Awaited(ActivityTraceId trace, string name) =>
        _awaited.GetOrAdd((trace, name), _ => new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously));
}

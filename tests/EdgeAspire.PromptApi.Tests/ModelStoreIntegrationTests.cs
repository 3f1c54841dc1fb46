using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>A worker with an empty cache and a ModelStore: the first request for a model fetches it, verified,
/// and answers normally.</summary>
public sealed class ModelStoreIntegrationTests : IDisposable
{
    private const string Id = "tiny-from-store";
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public ModelStoreIntegrationTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("EdgeAspire.", StringComparison.Ordinal) || source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Empty_cache_then_chat_pulls_the_model_from_the_store_and_answers()
    {
        var ct = TestModels.Timeout();
        var file = TestModels.Require(TestModels.Synthetic);
        await using var store = new ModelStoreServer();
        await store.ImportAsync(Id, file, ct);
        await using var worker = WorkerOf(store);

        var listed = await Http.GetAsync(worker.Client, "/v1/models", ct);
        var offered = listed.Json.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == Id);
        Assert.Equal("modelstore", offered.GetProperty("meta").GetProperty("location").GetString());

        using var parent = new ActivitySource("EdgeAspire.Tests").StartActivity("client");
        // Two requests at once: the file is fetched once and both are answered.
        var chats = Enumerable.Range(0, 2).Select(_ => Http.PostAsync(worker.Client, "/v1/chat/completions", new
        {
            model = Id, max_tokens = 3, temperature = 0, ignore_eos = true, messages = new[] { new { role = "user", content = "Hi" } },
        }, ct)).ToList();
        var replies = await Task.WhenAll(chats);

        Assert.All(replies, reply =>
        {
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(3, reply.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        });
        var copied = Directory.GetFiles(worker.ModelsFolder, Id + ".gguf").Single();
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(file)), SHA256.HashData(File.ReadAllBytes(copied)));
        Assert.Empty(Directory.GetFiles(worker.ModelsFolder, "*.partial"));
        var pull = Assert.Single(_spans, s => s.DisplayName == "model.pull" && (string?)s.GetTagItem("gen_ai.request.model") == Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), pull.GetTagItem("edgeaspire.model.sha256"));
        // The chat span may still be open when the reply arrives: compare with the in-process parent, not a stopped span.
        Assert.Equal("chat " + Id, pull.Parent?.DisplayName);
        Assert.Equal(pull.ParentSpanId, pull.Parent!.SpanId);
        // The engine's stages have the chat span as a remote parent (no Parent object): group by parent span id.
        var chatIds = _spans.Where(s => s.TraceId == pull.TraceId && s.Parent?.DisplayName == "chat " + Id).Select(s => s.ParentSpanId).ToHashSet();
        var stages = _spans.Where(s => s.TraceId == pull.TraceId && chatIds.Contains(s.ParentSpanId)).GroupBy(s => s.ParentSpanId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.StartTimeUtc).Select(s => s.DisplayName).ToList());
        var pulling = stages[pull.ParentSpanId];
        var other = Assert.Single(stages, kv => kv.Key != pull.ParentSpanId).Value;
        // Both requests wait for the one pull; whichever takes the load lock first then loads, the other finds the model loaded.
        string[] served = ["tokenize", "queue", "prefill", "decode", "detokenize"];
        var pullerLoaded = pulling.Contains("model.load");
        Assert.Equal(pullerLoaded ? ["model.pull", "model.load", .. served] : ["model.pull", .. served], pulling);
        Assert.Equal(pullerLoaded ? served : ["model.load", .. served], other);
        // The trace continues into the store: its server spans for the pull and the file copy share the trace id.
        foreach (var name in new[] { "POST /models/{id}/pull", "GET /files/{id}" })
        {
            await ServerSpanAsync(pull.TraceId, name, ct);
        }
        var local = await Http.GetAsync(worker.Client, $"/v1/models/{Id}", ct);
        Assert.Equal("local", local.Json.GetProperty("meta").GetProperty("location").GetString());
    }

    [Fact]
    public async Task A_model_neither_here_nor_in_the_store_is_404()
    {
        var ct = TestModels.Timeout();
        await using var store = new ModelStoreServer();
        await using var worker = WorkerOf(store);

        var reply = await Http.PostAsync(worker.Client, "/v1/chat/completions", new { model = "nowhere", messages = new[] { new { role = "user", content = "Hi" } } }, ct);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("model_not_found", reply.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_worker_sends_its_key_to_a_store_that_requires_one()
    {
        var ct = TestModels.Timeout();
        await using var store = new ModelStoreServer(apiKey: "store-key");
        await store.ImportAsync(Id, TestModels.Require(TestModels.Synthetic), ct);
        await using var withKey = WorkerOf(store, apiKey: "store-key");
        await using var withoutKey = WorkerOf(store);

        var served = await Chat(withKey, ct);
        var refused = await Chat(withoutKey, ct);

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(HttpStatusCode.BadGateway, refused.Status);
        Assert.Equal("model_store_error", refused.Json.GetProperty("error").GetProperty("code").GetString());
        var message = refused.Json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("401", message, StringComparison.Ordinal);
        // The store's own reason as text, not its error JSON escaped inside this one.
        Assert.DoesNotContain("{", message, StringComparison.Ordinal);
        Assert.Contains("key", message, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<Http.Reply> Chat(PromptApiServer worker, CancellationToken ct) =>
        Http.PostAsync(worker.Client, "/v1/chat/completions", new { model = Id, max_tokens = 1, messages = new[] { new { role = "user", content = "Hi" } } }, ct);

    /// <summary>Server spans stop after their response is written, so they can trail the reply by a moment.</summary>
    private async Task ServerSpanAsync(ActivityTraceId trace, string name, CancellationToken ct)
    {
        while (!_spans.Any(s => s.Kind == ActivityKind.Server && s.TraceId == trace && s.DisplayName == name))
        {
            await Task.Delay(20, ct);
        }
    }

    public void Dispose() => _listener.Dispose();

    private static PromptApiServer WorkerOf(ModelStoreServer store, string? apiKey = null) => new(
        new Dictionary<string, string>(),
        apiKey is null ? null : new Dictionary<string, string> { ["ModelStoreApiKey"] = apiKey },
        configuration: new Dictionary<string, string> { ["services:modelstore:http:0"] = store.BaseAddress.ToString().TrimEnd('/') });
}

using System.Net;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Tokenizing a prompt is work done for a queued request: a request takes its place in the model's queue
/// before its prompt is tokenized, so a full queue refuses it without tokenizing it (issue #17: six clients sending
/// megabyte prompts had every core tokenizing while unrelated requests waited).</summary>
public sealed class QueuedTokenizationTests : IDisposable
{
    private readonly SpanRecorder _spans = new();

    [Fact]
    public async Task A_request_past_a_full_queue_is_refused_before_its_prompt_is_tokenized()
    {
        await using var server = QueueTests.SlowServer(queueLength: 1);
        var hold = await StreamingRequest.StartAsync(server.Client, "/v1/chat/completions", QueueTests.LongStream, TestModels.Timeout());
        await hold.ReadContentAsync(1, TestModels.Timeout());

        // The queue's one place: taken before tokenizing, so once its prompt is tokenized it surely holds it.
        var (queuedTrace, queued) = _spans.SendInOwnTrace(() => Chat(server));
        await _spans.WaitForAsync(s => s.TraceId == queuedTrace && s.DisplayName == "tokenize", TestModels.Timeout(30));
        var (refusedTrace, refused) = _spans.SendInOwnTrace(() => Chat(server));
        var refusal = await refused.WaitAsync(TestModels.Timeout(30));
        await hold.DisposeAsync();
        var served = await queued.WaitAsync(TestModels.Timeout(30));

        Assert.Equal(HttpStatusCode.TooManyRequests, refusal.Status);
        Assert.Equal("queue_full", refusal.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(_spans.Spans, s => s.TraceId == refusedTrace && s.DisplayName == "tokenize");
        Assert.Equal(HttpStatusCode.OK, served.Status);
    }

    [Fact]
    public async Task A_completion_scored_before_it_is_generated_needs_one_place_in_the_queue()
    {
        // echo with logprobs scores the prompt, then generates: both passes on the place taken before tokenizing.
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["m"] = TestModels.Require(TestModels.Synthetic) },
            new Dictionary<string, string> { ["QueueLength"] = "1" });

        var reply = await Http.PostAsync(server.Client, "/v1/completions",
            new { model = "m", prompt = new[] { "Once upon a time", "There was" }, echo = true, logprobs = 1, max_tokens = 2, ignore_eos = true }, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(2, reply.Json.GetProperty("choices").GetArrayLength());
        Assert.Equal(0, Assert.Single(server.Models.Loaded).Engine.QueuedRequests);
    }

    public void Dispose() => _spans.Dispose();

    private static Task<Http.Reply> Chat(PromptApiServer server) =>
        Http.PostAsync(server.Client, "/v1/chat/completions", QueueTests.ShortRequest, TestModels.Timeout());
}

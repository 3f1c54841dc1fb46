using System.Diagnostics;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public sealed class TelemetryTests : IDisposable
{
    private static readonly ActivitySource s_caller = new("EdgeAspire.Tests.Caller");
    private readonly SpanRecorder _spans = new("EdgeAspire.Tests.Caller");

    [Theory]
    [InlineData(1, 12)]
    [InlineData(4, 3)]
    [InlineData(0, 0)]
    public async Task Stages_are_children_of_the_callers_span_with_token_events(int every, int expectedEvents)
    {
        using var engine = new InferenceEngine(Llama.Model(TestModels.PathOf(TestModels.Synthetic)), new InferenceEngineOptions
        {
            Context = new LlamaContextOptions { ContextSize = 256, Threads = 2 },
            TokenEvents = every,
        });
        ActivityTraceId trace;
        using (var chat = s_caller.StartActivity("chat synthetic"))
        {
            trace = chat!.TraceId;
            await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = engine.Tokenize("Once upon a time"), MaxTokens = 12, IgnoreEndOfGeneration = true }, TestModels.Timeout());
        }

        var spans = _spans.Stopped.Where(a => a.TraceId == trace).ToList();
        var root = spans.Single(a => a.DisplayName == "chat synthetic");
        var stages = spans.Where(a => a.ParentSpanId == root.SpanId).OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(["queue", "prefill", "decode", "detokenize"], stages.Select(a => a.DisplayName));
        var prefill = stages[1];
        var decode = stages[2];
        Assert.Equal(engine.Tokenize("Once upon a time").Length, prefill.GetTagItem("edgeaspire.tokens"));
        Assert.Equal(12, decode.GetTagItem("edgeaspire.tokens"));
        Assert.Equal("length", decode.GetTagItem("edgeaspire.finish_reason"));
        Assert.True(prefill.StartTimeUtc + prefill.Duration <= decode.StartTimeUtc + TimeSpan.FromMilliseconds(1));
        var events = decode.Events.ToList();
        Assert.Equal(expectedEvents, events.Count);
        Assert.All(events, e => Assert.Equal("token", e.Name));
        if (every > 0)
        {
            Assert.Equal(Enumerable.Range(1, expectedEvents).Select(i => i * every), events.Select(e => (int)e.Tags.Single(t => t.Key == "edgeaspire.token.index").Value!));
        }
    }

    [Fact]
    public async Task Prefill_and_decode_spans_carry_how_many_sequences_shared_their_batches()
    {
        // The slow model keeps both requests running long enough to share steps whatever the scheduling.
        using var engine = Llama.Engine(TestModels.Slow, sequences: 2);
        ActivityTraceId trace;
        using (var chat = s_caller.StartActivity("chat slow"))
        {
            trace = chat!.TraceId;
            await Task.WhenAll(new[] { "Once upon a time", "The dog" }.Select(p =>
                engine.GenerateTextAsync(new GenerationRequest { PromptTokens = engine.Tokenize(p), MaxTokens = 16, IgnoreEndOfGeneration = true }, TestModels.Timeout())));
        }

        var stages = _spans.Stopped.Where(a => a.TraceId == trace && a.DisplayName is "prefill" or "decode").ToList();
        Assert.Equal(4, stages.Count);
        Assert.All(stages, s => Assert.InRange((int)s.GetTagItem("edgeaspire.batch.size")!, 1, 2));
        Assert.Equal(2, stages.Where(s => s.DisplayName == "decode").Max(s => (int)s.GetTagItem("edgeaspire.batch.size")!));
    }

    [Fact]
    public async Task A_request_without_a_caller_span_records_no_stage_spans()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic));
        var before = _spans.Stopped.Count(a => a.Source.Name == "EdgeAspire.Llama" && a.Parent is null && a.ParentSpanId == default);

        await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = [1, 5, 6], MaxTokens = 3 }, TestModels.Timeout());

        Assert.Equal(before, _spans.Stopped.Count(a => a.Source.Name == "EdgeAspire.Llama" && a.ParentSpanId == default));
    }

    public void Dispose() => _spans.Dispose();
}

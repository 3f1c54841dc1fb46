using System.Net;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary><c>PromptApi:ParallelSequences</c>: one model's context serves that many requests at once.</summary>
public sealed class ParallelSequencesTests
{
    [Fact]
    public async Task Two_sequences_stream_two_requests_at_once_and_the_third_waits_its_turn()
    {
        await using var server = QueueTests.SlowServer(queueLength: 1, parallelSequences: 2);
        var first = await StreamingRequest.StartAsync(server.Client, "/v1/chat/completions", QueueTests.LongStream, TestModels.Timeout());
        await first.ReadContentAsync(1, TestModels.Timeout());

        // Both long streams run until their context is full: the second one gets tokens only if it shares the context.
        await using var second = await StreamingRequest.StartAsync(server.Client, "/v1/chat/completions", QueueTests.LongStream, TestModels.Timeout());
        await second.ReadContentAsync(1, TestModels.Timeout(30));
        // Both sequences are busy: of two more requests, one waits in the queue (length 1) and the other is refused.
        var pending = Enumerable.Range(0, 2).Select(_ => Http.PostAsync(server.Client, "/v1/chat/completions", QueueTests.ShortRequest, TestModels.Timeout())).ToList();
        var firstDone = await Task.WhenAny(pending).WaitAsync(TestModels.Timeout(30));
        var refused = await firstDone;
        await first.DisposeAsync();
        var served = await pending.Single(p => p != firstDone).WaitAsync(TestModels.Timeout(30));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(3, served.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Model_detail_reports_the_sequences_and_estimates_a_kv_cache_for_each()
    {
        var file = TestModels.Require(TestModels.Synthetic);
        var models = new Dictionary<string, string> { ["m"] = file };
        await using var one = new PromptApiServer(models, new Dictionary<string, string> { ["ParallelSequences"] = "1" });
        await using var three = new PromptApiServer(models, new Dictionary<string, string> { ["ParallelSequences"] = "3" });
        await using var automatic = new PromptApiServer(models);

        var single = (await Http.GetAsync(one.Client, "/v1/models/m", TestModels.Timeout())).Json.GetProperty("meta");
        var triple = (await Http.GetAsync(three.Client, "/v1/models/m", TestModels.Timeout())).Json.GetProperty("meta");
        var chosen = (await Http.GetAsync(automatic.Client, "/v1/models/m", TestModels.Timeout())).Json.GetProperty("meta");

        var kvPerSequence = GgufReader.Read(file).EstimateMemory(single.GetProperty("context_size").GetInt32()).KvCacheBytes;
        Assert.Equal(1, single.GetProperty("parallel_sequences").GetInt32());
        Assert.Equal(3, triple.GetProperty("parallel_sequences").GetInt32());
        Assert.Equal(2 * kvPerSequence, triple.GetProperty("memory_estimate_bytes").GetInt64() - single.GetProperty("memory_estimate_bytes").GetInt64());
        Assert.Equal(Math.Clamp(2 * Environment.ProcessorCount, 1, PromptApiOptions.DefaultMaxParallelSequences), chosen.GetProperty("parallel_sequences").GetInt32());
    }
}

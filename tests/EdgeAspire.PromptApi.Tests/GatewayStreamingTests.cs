using System.Net;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Two replicas of a model slow enough that a long generation lasts seconds, behind a gateway.</summary>
public sealed class GatewayStreamingTests : IAsyncLifetime
{
    private static readonly object s_longStream = new
    {
        model = "slow", stream = true, ignore_eos = true, max_tokens = 400, messages = new[] { new { role = "user", content = "Hi" } },
    };

    private readonly PromptApiServer _first = new(new Dictionary<string, string> { ["slow"] = TestModels.Slow });
    private readonly PromptApiServer _second = new(new Dictionary<string, string> { ["slow"] = TestModels.Slow });
    private PromptApiServer _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["slow-pool"] = [_first.BaseAddress, _second.BaseAddress] });
        await _gateway.UntilAsync(pool => pool.Destinations.All(d => d.Healthy));
    }

    [Fact]
    public async Task Stream_chunks_arrive_while_the_worker_is_still_generating()
    {
        var stream = await StreamingRequest.StartAsync(_gateway.Client, "/v1/chat/completions", s_longStream, TestModels.Timeout());
        RequestLog.Entry? generating;
        await using (stream)
        {
            Assert.Equal(HttpStatusCode.OK, stream.Status);
            await stream.ReadContentAsync(1, TestModels.Timeout());

            generating = Generating(_first) ?? Generating(_second);
            Assert.NotNull(generating); // the first chunk came through before the worker's response ended
        }

        // Letting go of the stream at the gateway cancels the generation at the worker.
        Assert.True(await generating.Aborted.WaitAsync(TestModels.Timeout()));
    }

    [Fact]
    public async Task Requests_go_to_the_replica_with_fewer_outstanding()
    {
        await using var stream = await StreamingRequest.StartAsync(_gateway.Client, "/v1/chat/completions", s_longStream, TestModels.Timeout());
        await stream.ReadContentAsync(1, TestModels.Timeout());
        var idle = Generating(_first) is null ? _first : _second;

        var testIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var testId = Guid.NewGuid().ToString("N");
            testIds.Add(testId);
            var reply = await GatewayRoutingTests.PostAsync(_gateway.Client, "/v1/chat/completions",
                """{"model":"slow","max_tokens":1,"messages":[{"role":"user","content":"Hi"}]}""", testId);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }

        Assert.All(testIds, id => Assert.Single(idle.Requests.Tagged(id)));
        Assert.NotNull(Generating(idle == _first ? _second : _first));
    }

    [Fact]
    public async Task Idle_replicas_take_turns()
    {
        for (var i = 0; i < 4; i++)
        {
            var reply = await GatewayRoutingTests.PostAsync(_gateway.Client, "/v1/completions", """{"model":"slow","max_tokens":1,"prompt":"Hi"}""");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }

        Assert.Equal(2, _first.Requests.Entries.Count(e => e.Path == "/v1/completions"));
        Assert.Equal(2, _second.Requests.Entries.Count(e => e.Path == "/v1/completions"));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static RequestLog.Entry? Generating(PromptApiServer worker) =>
        worker.Requests.Entries.SingleOrDefault(e => e.Path == "/v1/chat/completions" && !e.Aborted.IsCompleted);
}

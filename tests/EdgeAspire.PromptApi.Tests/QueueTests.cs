using System.Net;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>A model with one parallel sequence serves one request at a time; <c>QueueLength</c> requests wait, the
/// rest get 429.</summary>
public sealed class QueueTests
{
    private const string Slow = "slow";

    /// <summary>Runs until the context is full (seconds on the slow model) unless its client lets go.</summary>
    private static readonly object s_long = new
    {
        model = Slow,
        messages = new[] { new { role = "user", content = "Once upon a time" } },
        stream = true,
        ignore_eos = true,
        temperature = 0,
    };

    private static readonly object s_short = new
    {
        model = Slow,
        messages = new[] { new { role = "user", content = "Hi" } },
        max_tokens = 3,
        // The slow model's weights are random: whether its next token is end-of-generation depends on what the
        // sequence had cached (batched and lone logits differ in rounding), so without this a reply may be shorter.
        ignore_eos = true,
    };

    public static PromptApiServer SlowServer(int queueLength, int parallelSequences = 1) => new(
        new Dictionary<string, string> { [Slow] = TestModels.Slow },
        new Dictionary<string, string> { ["QueueLength"] = $"{queueLength}", ["ContextSize"] = "2048", ["ParallelSequences"] = $"{parallelSequences}" });

    /// <summary>Runs until the context is full (seconds on the slow model) unless its client lets go.</summary>
    public static object LongStream => s_long;

    public static object ShortRequest => s_short;

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 10)]
    public async Task Requests_past_the_queue_get_429_and_the_queued_ones_complete_once_the_sequence_is_free(int queueLength, int requests)
    {
        await using var server = SlowServer(queueLength);
        var hold = await StreamingRequest.StartAsync(server.Client, "/v1/chat/completions", s_long, TestModels.Timeout());
        await hold.ReadContentAsync(1, TestModels.Timeout());

        var pending = Enumerable.Range(0, requests)
            .Select(_ => Http.PostAsync(server.Client, "/v1/chat/completions", s_short, TestModels.Timeout())).ToList();
        var refused = new List<Http.Reply>();
        while (refused.Count < requests - queueLength)
        {
            var done = await Task.WhenAny(pending).WaitAsync(TestModels.Timeout(30));
            pending.Remove(done);
            refused.Add(await done);
        }
        await hold.DisposeAsync();
        var served = await Task.WhenAll(pending).WaitAsync(TestModels.Timeout(30));

        Assert.All(refused, reply =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
            Assert.True(reply.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("rate_limit_error", reply.Json.GetProperty("error").GetProperty("type").GetString());
            Assert.Equal("queue_full", reply.Json.GetProperty("error").GetProperty("code").GetString());
        });
        Assert.Equal(queueLength, served.Length);
        Assert.All(served, reply =>
        {
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(3, reply.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        });
    }

    [Fact]
    public async Task A_queued_request_whose_client_disconnects_gives_its_place_to_the_next_one()
    {
        await using var server = SlowServer(queueLength: 1);
        var hold = await StreamingRequest.StartAsync(server.Client, "/v1/chat/completions", s_long, TestModels.Timeout());
        await hold.ReadContentAsync(1, TestModels.Timeout());
        using var disconnect = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var abandoned = Http.PostAsync(server.Client, "/v1/chat/completions", s_short, disconnect.Token);
        await QueueDepthAsync(server, 1);

        await disconnect.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        // While the long stream still holds the only sequence.
        await QueueDepthAsync(server, 0);
        var next = Http.PostAsync(server.Client, "/v1/chat/completions", s_short, TestModels.Timeout());
        var queued = QueueDepthAsync(server, 1);
        var first = await Task.WhenAny(next, queued);
        await hold.DisposeAsync();
        var reply = await next.WaitAsync(TestModels.Timeout(30));

        Assert.Same(queued, first);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(3, reply.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        await QueueDepthAsync(server, 0);
    }

    [Fact]
    public async Task A_cancelled_stream_frees_the_sequence_for_the_next_request()
    {
        await using var server = SlowServer(queueLength: 1);
        var abandoned = await StreamingRequest.StartAsync(server.Client, "/v1/chat/completions", s_long, TestModels.Timeout());
        await abandoned.ReadContentAsync(3, TestModels.Timeout());

        await abandoned.DisposeAsync();
        await using var next = await StreamingRequest.StartAsync(server.Client, "/v1/chat/completions", s_long, TestModels.Timeout());

        // Liveness, not speed: the abandoned stream would hold the sequence for far longer than this.
        await next.ReadContentAsync(1, TestModels.Timeout(5));
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    /// <summary>Scrapes <c>/metrics</c> until the slow model's queue-depth gauge reads <paramref name="depth"/>.</summary>
    private static async Task QueueDepthAsync(PromptApiServer server, int depth)
    {
        var timeout = TestModels.Timeout(30);
        var last = double.NaN;
        try
        {
            while (true)
            {
                using var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative), timeout);
                last = PrometheusText.Parse(await response.Content.ReadAsStringAsync(timeout)).Value("edgeaspire_queue_depth", ("gen_ai_request_model", Slow));
                if (last == depth)
                {
                    return;
                }
                await Task.Delay(20, timeout);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"the queue depth stayed at {last}, not {depth}");
        }
    }
}

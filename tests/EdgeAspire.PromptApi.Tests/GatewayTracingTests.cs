using System.ClientModel;
using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>One trace from the client through the gateway into the worker, seen by an in-process listener.</summary>
public sealed class GatewayTracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly SemaphoreSlim _stopped = new(0);
    private readonly ActivityListener _listener;

    public GatewayTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("EdgeAspire.", StringComparison.Ordinal)
                || source.Name is "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                _spans.Enqueue(span);
                _stopped.Release();
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task The_trace_continues_from_the_client_through_the_gateway_into_the_worker()
    {
        await using var worker = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["worker"] = [worker.BaseAddress] });
        var client = new ChatClient(TestModels.Synthetic, new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseAddress, "/v1") });
        using var source = new ActivitySource("EdgeAspire.Tests.Client");
        using var caller = source.StartActivity("evaluate", ActivityKind.Client)!;

        await client.CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 2 }, TestModels.Timeout());

        // client → SDK's HTTP span → gateway server span → gateway's HTTP client span → worker server span → chat span
        var operation = await SpanAsync(s => s.TraceId == caller.TraceId && s.DisplayName == "chat synthetic");
        var workerServer = await ParentAsync(operation);
        var forwarded = await ParentAsync(workerServer);
        var gatewayServer = await ParentAsync(forwarded);
        var sdkRequest = await ParentAsync(gatewayServer);
        Assert.Equal((ActivityKind.Server, "Microsoft.AspNetCore", "POST /v1/chat/completions"), (workerServer.Kind, workerServer.Source.Name, workerServer.DisplayName));
        Assert.Equal((ActivityKind.Client, "System.Net.Http"), (forwarded.Kind, forwarded.Source.Name));
        Assert.Equal(new Uri(worker.BaseAddress, "/v1/chat/completions").ToString(), forwarded.GetTagItem("url.full"));
        Assert.Equal((ActivityKind.Server, "Microsoft.AspNetCore", "POST /v1/chat/completions"), (gatewayServer.Kind, gatewayServer.Source.Name, gatewayServer.DisplayName));
        Assert.Equal((ActivityKind.Client, "System.Net.Http"), (sdkRequest.Kind, sdkRequest.Source.Name));
        Assert.Equal(caller.SpanId, sdkRequest.ParentSpanId);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _stopped.Dispose();
    }

    private Task<Activity> ParentAsync(Activity child) =>
        SpanAsync(s => s.TraceId == child.TraceId && s.SpanId == child.ParentSpanId);

    /// <summary>Spans stop when their response is over, in no fixed order: await the one wanted.</summary>
    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        var timeout = TestModels.Timeout(10);
        while (true)
        {
            if (_spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }
            await _stopped.WaitAsync(timeout);
        }
    }
}

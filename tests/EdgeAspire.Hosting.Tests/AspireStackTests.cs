using System.ClientModel;
using System.Diagnostics;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using OpenAI;
using OpenAI.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The AppHost (its AppHost.cs) under real Aspire: DCP starts the stack, the Aspire dashboard keeps its
/// telemetry, the Evaluator runs as a resource command.</summary>
public sealed class AspireStackTests
{
    public static TheoryData<string> Models => new(["stories260K", "synthetic"]);

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_streamed_chat_through_the_gateway_is_traced_stage_by_stage_with_an_event_per_token(string model)
    {
        var file = model == "synthetic" ? Fixtures.SyntheticModel(GgmlType.F32) : Fixtures.SharedModel("stories260K.gguf");
        Assert.SkipWhen(file is null, "stories260K (../shared/fixtures) is not available; the synthetic case runs without it");
        var id = Path.GetFileNameWithoutExtension(file!);
        await using var stack = await AspireStack.StartAsync([file!]);

        // The official OpenAI SDK, streaming.
        var client = new ChatClient(id, new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(stack.Gateway, "v1") });
        var streamed = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Once upon a time")],
            new ChatCompletionOptions { MaxOutputTokenCount = 8, Temperature = 0 }, TestContext.Current.CancellationToken))
        {
            streamed.AppendJoin("", update.ContentUpdate.Select(p => p.Text));
        }
        Assert.Contains(id, await Chat.ModelsAsync(stack.Gateway));

        // A long answer under a trace of our own: every token is an event on decode, none dropped on the way.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var (status, body) = await Chat.SendAsync(stack.Gateway, id, traceId, maxTokens: 300);
        Assert.Equal(200, status);
        var tokens = body.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        using var telemetry = new DashboardTelemetry(stack.DashboardUrl, AspireStack.ApiKey);
        var spans = await telemetry.WaitForTraceAsync(traceId,
            s => s.Any(x => x.Name == "detokenize") && s.Any(x => x.Service == "gateway" && x.Name.StartsWith("POST", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));

        var chat = Assert.Single(spans, s => s.Name == $"chat {id}");
        Assert.Equal(ResourceNames.FromModelId("worker", id), chat.Service);
        Assert.Equal("llama.cpp", chat.Attributes["gen_ai.provider.name"]);
        Assert.Equal(id, chat.Attributes["gen_ai.request.model"]);
        // Aspire would have the services record prompts and answers; the AppHost keeps that an opt-in.
        Assert.False(chat.Attributes.ContainsKey("gen_ai.input.messages"));
        Assert.Contains(spans, s => s.Service == "gateway");
        var stages = spans.Where(s => s.ParentSpanId == chat.SpanId).OrderBy(s => s.Start).Select(s => s.Name).ToList();
        Assert.Equal(["tokenize", "queue", "prefill", "decode", "detokenize"], stages.Where(s => s != "model.load"));
        Assert.True(tokens > 200, $"only {tokens} tokens");
        Assert.Equal(tokens, spans.Single(s => s.Name == "decode").Events);
    }

    [Fact]
    public async Task The_winogrande_command_runs_the_evaluator_against_the_gateway_and_reports_where_the_report_is()
    {
        var data = TestData.NewFolder();
        try
        {
            var winogrande = TestData.WriteWinogrande(data, 20);
            // With an API key set, the gateway refuses strangers and the Evaluator is given the key.
            await using var stack = await AspireStack.StartAsync([Fixtures.SyntheticModel(GgmlType.F32)], winogrande, ["--Parameters:api-key=edgeaspire-test-key"]);
            var (unauthorized, _) = await Chat.SendAsync(stack.Gateway, Path.GetFileNameWithoutExtension(Fixtures.SyntheticModel(GgmlType.F32)));
            Assert.Equal(401, unauthorized);
            var commands = stack.App.Services.GetRequiredService<ResourceCommandService>();
            await WaitForCommandEnabledAsync(stack.App, "evaluator", "winogrande-100");

            var result = await commands.ExecuteCommandAsync("evaluator", "winogrande-100", TestContext.Current.CancellationToken);

            Assert.True(result.Success, $"{result.Message} {result.Data?.Value}");
            Assert.StartsWith("report: ", result.Message, StringComparison.Ordinal);
            var report = result.Message!["report: ".Length..];
            Assert.True(File.Exists(report), report);
            Assert.StartsWith(stack.Runs, report, StringComparison.Ordinal);
            Assert.Contains("\"ok\":true", result.Data?.Value ?? "", StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_killed_worker_is_reported_by_aspire_and_the_gateway_keeps_serving_the_other_model()
    {
        var survivor = Fixtures.SyntheticModel(GgmlType.F32);
        var victim = Fixtures.SyntheticModel(GgmlType.Q8_0);
        await using var stack = await AspireStack.StartAsync([survivor, victim]);
        var victimWorker = ResourceNames.FromModelId("worker", Path.GetFileNameWithoutExtension(victim));
        var pid = await PidOfAsync(stack.App, victimWorker);

        // DCP runs a project as `dotnet run` with the service below it: kill both, as a crash of the service would end both.
        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        await stack.App.ResourceNotifications.WaitForResourceAsync(victimWorker, KnownResourceStates.TerminalStates, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Under DCP the gateway reaches a worker through DCP's proxy, which holds a connection to a dead process open
        // rather than refusing it: the gateway learns of the death from its next probe (every 5 s). Until then a
        // request may wait on the proxy, so ask with a short timeout until the gateway answers for the model.
        await WaitForStatusAsync(new Uri(stack.Gateway, $"/v1/models/{Path.GetFileNameWithoutExtension(victim)}"), 503, TimeSpan.FromSeconds(30));

        var (status, _) = await Chat.SendAsync(stack.Gateway, Path.GetFileNameWithoutExtension(survivor));
        Assert.Equal(200, status);
        var (refused, error) = await Chat.SendAsync(stack.Gateway, Path.GetFileNameWithoutExtension(victim));
        Assert.Equal(503, refused);
        Assert.True(error.TryGetProperty("error", out _), error.ToString());
    }

    private static async Task<int> PidOfAsync(DistributedApplication app, string resource)
    {
        var state = await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value is not null),
            TestContext.Current.CancellationToken);
        return Convert.ToInt32(state.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForStatusAsync(Uri uri, int status, TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        var deadline = Stopwatch.StartNew();
        var last = "no answer";
        while (deadline.Elapsed < within)
        {
            try
            {
                using var response = await http.GetAsync(uri, TestContext.Current.CancellationToken);
                if ((int)response.StatusCode == status)
                {
                    return;
                }
                last = $"{(int)response.StatusCode}";
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                last = "no answer within 4 s";
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"{uri} did not answer {status} within {within}: last {last}");
    }

    private static Task<ResourceEvent> WaitForCommandEnabledAsync(DistributedApplication app, string resource, string command) =>
        app.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.Commands.Any(c => c.Name == command && c.State == ResourceCommandState.Enabled), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
}

using System.Net;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Workers that stop, come back or fail a request, behind a gateway probing every 100 ms.</summary>
public sealed class GatewayFailoverTests
{
    private const string Chat = """{"model":"synthetic","max_tokens":1,"messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task A_stopped_replica_is_taken_out_and_put_back_when_it_starts_again()
    {
        var models = new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) };
        await using var first = new PromptApiServer(models);
        await using var second = new PromptApiServer(models);
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["pool"] = [first.BaseAddress, second.BaseAddress] });
        await gateway.UntilAsync(pool => pool.Destinations.All(d => d.Healthy));

        await first.DisposeAsync();
        // Whether a request or the probe notices first, every request ends up on the replica that is left.
        await AllServedByAsync(gateway, second, requests: 4);
        await gateway.UntilAsync(pool => !pool.IsHealthy(first.BaseAddress));

        await second.DisposeAsync();
        await gateway.UntilAsync(pool => !pool.AnyHealthy);
        var refused = await GatewayRoutingTests.PostAsync(gateway.Client, "/v1/chat/completions", Chat);
        using var unhealthy = await gateway.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        GatewayRoutingTests.AssertError(refused.Json, "server_error", "model", "no_healthy_worker");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);

        await using var restarted = new PromptApiServer(models, port: first.BaseAddress.Port);
        await gateway.UntilAsync(pool => pool.IsHealthy(first.BaseAddress));
        var testIdAfter = Guid.NewGuid().ToString("N");
        var served = await GatewayRoutingTests.PostAsync(gateway.Client, "/v1/chat/completions", Chat, testIdAfter);
        using var healthy = await gateway.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Single(restarted.Requests.Tagged(testIdAfter));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_on_another_replica_before_any_probe_notices()
    {
        var models = new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) };
        await using var first = new PromptApiServer(models);
        await using var second = new PromptApiServer(models);
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["pool"] = [first.BaseAddress, second.BaseAddress] },
            new Dictionary<string, string> { ["Gateway:ProbeInterval"] = "00:10:00" });
        await gateway.UntilAsync(pool => pool.Destinations.All(d => d.Healthy));

        await first.DisposeAsync();
        // Idle replicas take turns, so one of two requests is sent to the stopped one first.
        await AllServedByAsync(gateway, second, requests: 2);

        Assert.False(gateway.Pool().IsHealthy(first.BaseAddress));
    }

    [Fact]
    public async Task A_worker_that_drops_the_connection_mid_request_gives_502_in_OpenAI_shape()
    {
        await using var flaky = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => "Healthy");
            app.MapGet("/v1/models", () => Results.Text("""{"object":"list","data":[{"id":"synthetic","object":"model"}]}""", "application/json"));
            app.MapPost("/v1/chat/completions", (HttpContext http) => http.Abort());
        });
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["flaky"] = [flaky.BaseAddress] });
        await gateway.UntilAsync(pool => pool.AnyHealthy);

        var reply = await GatewayRoutingTests.PostAsync(gateway.Client, "/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        GatewayRoutingTests.AssertError(reply.Json, "server_error", null, "worker_unreachable");
    }

    [Fact]
    public async Task A_stream_cut_halfway_is_never_retried_on_another_replica()
    {
        var cut = 0;
        // The worker breaks off only once the client has its first chunk: the answer is then surely half-streamed.
        var halfArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var cutting = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => "Healthy");
            app.MapGet("/v1/models", () => Results.Text("""{"object":"list","data":[{"id":"synthetic","object":"model"}]}""", "application/json"));
            app.MapPost("/v1/chat/completions", async (HttpContext http) =>
            {
                Interlocked.Increment(ref cut);
                http.Response.ContentType = "text/event-stream";
                await http.Response.WriteAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half\"}}]}\n\n");
                await http.Response.Body.FlushAsync();
                await halfArrived.Task.WaitAsync(TestModels.Timeout());
                http.Abort();
            });
        });
        await using var healthy = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["pool"] = [cutting.BaseAddress, healthy.BaseAddress] },
            new Dictionary<string, string> { ["Gateway:ProbeInterval"] = "00:10:00" });
        await gateway.UntilAsync(pool => pool.Destinations.All(d => d.Healthy));

        // Idle replicas take turns: of two streamed requests, one goes to the replica that cuts its answer.
        var bodies = new List<string>();
        var testIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var testId = Guid.NewGuid().ToString("N");
            testIds.Add(testId);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = new StringContent(Chat.Replace("\"max_tokens\":1", "\"stream\":true,\"max_tokens\":2", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(RequestLog.TestIdHeader, testId);
            using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestModels.Timeout());
            bodies.Add(await ReadWhatArrivesAsync(response, halfArrived));
        }

        Assert.Equal(1, Volatile.Read(ref cut));
        var halfAnswer = Assert.Single(bodies, b => b.Contains("Half", StringComparison.Ordinal));
        Assert.DoesNotContain("[DONE]", halfAnswer, StringComparison.Ordinal);
        Assert.Single(bodies, b => b.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal));
        // The cut request was not sent again: the healthy replica saw only the other one.
        Assert.Equal(1, testIds.Sum(id => healthy.Requests.Tagged(id).Count));
    }

    [Fact]
    public async Task A_model_a_worker_gains_is_routed_without_waiting_for_the_next_probe()
    {
        await using var worker = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["worker"] = [worker.BaseAddress] },
            new Dictionary<string, string> { ["Gateway:ProbeInterval"] = "00:10:00" });
        await gateway.UntilAsync(pool => pool.Probed);
        File.CreateSymbolicLink(Path.Combine(worker.ModelsFolder, "late.gguf"), TestModels.Require(TestModels.Synthetic));

        var reply = await GatewayRoutingTests.PostAsync(gateway.Client, "/v1/chat/completions", Chat.Replace("synthetic", "late", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("late", reply.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_model_one_worker_refused_is_routed_to_the_worker_that_can_serve_it()
    {
        const string Shared = """{"model":"shared","max_tokens":1,"messages":[{"role":"user","content":"Hi"}]}""";
        var corrupt = ModelCorruptions.Write(ModelCorruptions.Names.Select(row => (string)row.Data).First());
        // The refusing worker serves another model, so it stays healthy and in routing (with nothing to serve it would
        // answer /health 503 and be taken out whole).
        await using var refusing = new PromptApiServer(new Dictionary<string, string> { ["shared"] = corrupt, ["other"] = TestModels.Require(TestModels.Synthetic) });
        await using var serving = new PromptApiServer(new Dictionary<string, string> { ["shared"] = TestModels.Require(TestModels.Synthetic) });
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["pool"] = [refusing.BaseAddress, serving.BaseAddress] });
        var direct = await GatewayRoutingTests.PostAsync(refusing.Client, "/v1/chat/completions", Shared);
        Assert.Equal(HttpStatusCode.BadRequest, direct.Status);
        await gateway.UntilAsync(pool => pool.Destinations.All(d => d.Healthy)
            && pool.Destinations.Single(d => d.Address == refusing.BaseAddress).Models.GetValueOrDefault("shared") is { Available: false });

        for (var i = 0; i < 4; i++)
        {
            var testId = Guid.NewGuid().ToString("N");
            var reply = await GatewayRoutingTests.PostAsync(gateway.Client, "/v1/chat/completions", Shared, testId);
            Assert.True(reply.Status == HttpStatusCode.OK, reply.Json.ToString());
            Assert.Single(serving.Requests.Tagged(testId));
        }
        var listed = await Http.GetAsync(gateway.Client, "/v1/models", TestModels.Timeout());
        var shared = Assert.Single(listed.Json.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "shared");
        Assert.True(shared.GetProperty("meta").GetProperty("available").GetBoolean());
    }

    // A stream the gateway aborts ends the body with an error: keep what came before it.
    private static async Task<string> ReadWhatArrivesAsync(HttpResponseMessage response, TaskCompletionSource halfArrived)
    {
        var text = new System.Text.StringBuilder();
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestModels.Timeout()));
            while (await reader.ReadLineAsync(TestModels.Timeout()) is { } line)
            {
                text.Append(line).Append('\n');
                if (line.Contains("Half", StringComparison.Ordinal))
                {
                    halfArrived.TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // cut off
        }
        return text.ToString();
    }

    private static async Task AllServedByAsync(PromptApiServer gateway, PromptApiServer replica, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            var testId = Guid.NewGuid().ToString("N");
            var reply = await GatewayRoutingTests.PostAsync(gateway.Client, "/v1/chat/completions", Chat, testId);
            Assert.True(reply.Status == HttpStatusCode.OK, reply.Json.ToString());
            Assert.Single(replica.Requests.Tagged(testId));
        }
    }
}

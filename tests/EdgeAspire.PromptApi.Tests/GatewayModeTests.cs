using System.Net;
using EdgeAspire.Llama;
using EdgeAspire.PromptApi.Models;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.PromptApi.Tests;

/// <summary><c>PromptApi:Mode</c> and the gateway's own settings.</summary>
public sealed class GatewayModeTests
{
    [Fact]
    public async Task A_gateway_has_no_models_folder_no_model_manager_and_no_llama_runtime()
    {
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["worker"] = [new Uri("http://127.0.0.1:9")] });

        Assert.Null(gateway.Services.GetService<ModelManager>());
        Assert.Null(gateway.Services.GetService<LlamaRuntime>());
        using var health = await gateway.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode); // nothing listens at the worker's address
    }

    [Theory]
    [InlineData(new string[0], "PromptApi:Gateway:Workers:0")]
    [InlineData(new[] { "ghost" }, "services__ghost__http__0")]
    public void A_gateway_without_reachable_workers_names_the_missing_setting(string[] workers, string named)
    {
        var settings = new Dictionary<string, string> { ["Mode"] = "gateway" };
        foreach (var (i, worker) in workers.Index())
        {
            settings[$"Gateway:Workers:{i}"] = worker;
        }

        var failure = Assert.ThrowsAny<Exception>(() => new PromptApiServer(new Dictionary<string, string>(), settings));

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_mode_fails_the_start()
    {
        var failure = Assert.ThrowsAny<Exception>(() => new PromptApiServer(new Dictionary<string, string>(), new Dictionary<string, string> { ["Mode"] = "router" }));

        Assert.Contains("PromptApi:Mode must be 'worker' or 'gateway', not 'router'", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task API_keys_apply_at_the_gateway()
    {
        await using var worker = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["worker"] = [worker.BaseAddress] },
            new Dictionary<string, string> { ["ApiKeys:0"] = "gateway-key" });
        await gateway.UntilAsync(pool => pool.AnyHealthy);
        const string Body = """{"model":"synthetic","max_tokens":1,"messages":[{"role":"user","content":"Hi"}]}""";

        var refused = await GatewayRoutingTests.PostAsync(gateway.Client, "/v1/chat/completions", Body);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new("Bearer", "gateway-key");
        var listed = await Http.SendAsync(gateway.Client, request, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        GatewayRoutingTests.AssertError(refused.Json, "invalid_request_error", null, "invalid_api_key");
        Assert.DoesNotContain(worker.Requests.Entries, e => e.Method == "POST");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
    }
}

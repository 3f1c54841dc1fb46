using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>The gateway in front of two real workers with different models, over loopback HTTP.</summary>
public sealed class GatewayRoutingTests(TwoWorkersFixture cluster) : IClassFixture<TwoWorkersFixture>
{
    [Theory]
    [InlineData("alpha", "/v1/chat/completions")]
    [InlineData("beta", "/v1/chat/completions")]
    [InlineData("alpha", "/v1/completions")]
    [InlineData("beta", "/v1/completions")]
    public async Task Routes_a_request_to_the_worker_that_serves_its_model(string model, string path)
    {
        var testId = Guid.NewGuid().ToString("N");
        object body = path.EndsWith("chat/completions", StringComparison.Ordinal)
            ? new { model, max_tokens = 2, messages = new[] { new { role = "user", content = "Hi" } } }
            : new { model, max_tokens = 2, prompt = "Once" };

        var reply = await PostAsync(cluster.Gateway.Client, path, JsonSerializer.Serialize(body), testId);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(model, reply.Json.GetProperty("model").GetString());
        var (serving, other) = model == "alpha" ? (cluster.WorkerA, cluster.WorkerB) : (cluster.WorkerB, cluster.WorkerA);
        Assert.Equal([path], serving.Requests.Tagged(testId).Select(e => e.Path));
        Assert.Empty(other.Requests.Tagged(testId));
    }

    [Fact]
    public async Task Lists_the_models_of_every_worker_once()
    {
        var reply = await Http.GetAsync(cluster.Gateway.Client, "/v1/models", TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("list", reply.Json.GetProperty("object").GetString());
        var ids = reply.Json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).Order().ToList();
        string[] expected = TestModels.Find(TestModels.Stories) is null ? ["alpha", "beta", "synthetic"] : ["alpha", "beta", "stories260K", "synthetic"];
        Assert.Equal(expected, ids);
        Assert.All(reply.Json.GetProperty("data").EnumerateArray(), m => Assert.Equal("local", m.GetProperty("meta").GetProperty("location").GetString()));
    }

    [Fact]
    public async Task Gets_one_model_from_a_worker_that_serves_it()
    {
        var reply = await Http.GetAsync(cluster.Gateway.Client, "/v1/models/beta", TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("beta", reply.Json.GetProperty("id").GetString());
        Assert.Equal("beta.gguf", reply.Json.GetProperty("meta").GetProperty("file").GetString());
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/models/nope")]
    public async Task Unknown_model_is_404_in_OpenAI_shape(string path)
    {
        var reply = path.StartsWith("/v1/models", StringComparison.Ordinal)
            ? await Http.GetAsync(cluster.Gateway.Client, path, TestModels.Timeout())
            : await PostAsync(cluster.Gateway.Client, path, """{"model":"nope","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        AssertError(reply.Json, "invalid_request_error", "model", "model_not_found");
    }

    [Theory]
    [InlineData("""{"model":""", "model", "invalid_json")]
    [InlineData("""{"model":5,"messages":[]}""", "model", "invalid_json")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", "model", null)]
    [InlineData("[]", null, "invalid_json")]
    [InlineData("", null, "invalid_json")]
    public async Task Bad_body_is_400_in_OpenAI_shape_and_reaches_no_worker(string body, string? param, string? code)
    {
        var testId = Guid.NewGuid().ToString("N");

        var reply = await PostAsync(cluster.Gateway.Client, "/v1/chat/completions", body, testId);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        AssertError(reply.Json, "invalid_request_error", param, code);
        Assert.Empty(cluster.WorkerA.Requests.Tagged(testId));
        Assert.Empty(cluster.WorkerB.Requests.Tagged(testId));
    }

    [Fact]
    public async Task A_worker_refusal_passes_through_as_the_worker_sent_it()
    {
        var reply = await PostAsync(cluster.Gateway.Client, "/v1/chat/completions", """{"model":"alpha","messages":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        AssertError(reply.Json, "invalid_request_error", "messages", null);
    }

    [Fact]
    public async Task The_OpenAI_client_chats_and_streams_through_the_gateway()
    {
        var client = new ChatClient("beta", new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(cluster.Gateway.BaseAddress, "/v1") });
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 3, Temperature = 0 }; // greedy: sampled, random weights may end early

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Hi")], options, TestModels.Timeout());
        var streamed = new StringBuilder();
        var finish = default(ChatFinishReason?);
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Hi")], options, TestModels.Timeout()))
        {
            streamed.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            finish ??= update.FinishReason;
            Assert.Equal("beta", update.Model);
        }

        Assert.Equal("beta", completion.Model);
        Assert.Equal(3, completion.Usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.NotEmpty(streamed.ToString());
    }

    [Fact]
    public async Task Health_and_metrics_answer_at_the_gateway()
    {
        await PostAsync(cluster.Gateway.Client, "/v1/chat/completions", """{"model":"nope","messages":[]}""");

        using var health = await cluster.Gateway.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());
        var metrics = PrometheusText.Parse(await cluster.Gateway.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestModels.Timeout()));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(metrics.Samples, s => s.Name == "edgeaspire_requests_total" && s.Labels.GetValueOrDefault("http_response_status_code") == "404");
    }

    internal static async Task<Http.Reply> PostAsync(HttpClient client, string path, string body, string? testId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (testId is not null)
        {
            request.Headers.Add(RequestLog.TestIdHeader, testId);
        }
        return await Http.SendAsync(client, request, TestModels.Timeout());
    }

    internal static void AssertError(JsonElement json, string type, string? param, string? code)
    {
        var error = json.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }
}

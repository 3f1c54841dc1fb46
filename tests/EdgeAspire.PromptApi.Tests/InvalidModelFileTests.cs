using System.Net;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Model files that would abort llama.cpp (or that llama.cpp refuses) are answered with
/// <c>400 invalid_model_file</c> naming the problem, while the server keeps serving its other models.</summary>
public sealed class InvalidModelFileTests(InvalidModelFileTests.Server fixture) : IClassFixture<InvalidModelFileTests.Server>
{
    private const string Healthy = "healthy";

    /// <summary>One server holding a slow healthy model and every corruption, as <c>corrupt-{name}</c>.</summary>
    public sealed class Server : IAsyncDisposable
    {
        public PromptApiServer Api { get; } = new(
            ModelCorruptions.Names.Select(row => (string)row.Data)
                .ToDictionary(name => $"corrupt-{name}", ModelCorruptions.Write)
                .Append(new KeyValuePair<string, string>(Healthy, TestModels.Slow))
                .ToDictionary());

        public ValueTask DisposeAsync() => Api.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(ModelCorruptions.Names), MemberType = typeof(ModelCorruptions))]
    public async Task Corrupt_model_is_400_invalid_model_file_naming_the_problem(string corruption)
    {
        var reply = await Chat(fixture.Api.Client, $"corrupt-{corruption}");

        AssertInvalidModelFile(reply, ModelCorruptions.Named(corruption));
    }

    [Fact]
    public async Task A_stream_on_a_healthy_model_completes_while_every_corrupt_model_is_requested()
    {
        var cancellationToken = TestModels.Timeout(120);
        await using var stream = await StreamingRequest.StartAsync(fixture.Api.Client, "/v1/chat/completions", new
        {
            model = Healthy,
            stream = true,
            max_tokens = 48,
            messages = new[] { new { role = "user", content = "Tell me a story" } },
        }, cancellationToken);
        await stream.ReadContentAsync(1, cancellationToken);

        var replies = await Task.WhenAll(ModelCorruptions.Names.Select(row => Chat(fixture.Api.Client, $"corrupt-{row.Data}")));
        var done = await stream.ReadToDoneAsync(cancellationToken);
        using var health = await fixture.Api.Client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.All(replies, reply => AssertInvalidModelFile(reply, "cannot be served"));
        Assert.True(done, "the healthy stream was cut before [DONE]");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_file_llama_cpp_refuses_is_refused_until_it_changes()
    {
        // A required tensor under another name passes the managed checks (they check the shapes of tensors they
        // know) and makes llama.cpp's loader throw, which it reports as a failed load.
        var refused = ModelVariants.Write("renamed-tensor.gguf", _ => { },
            tensors => [.. tensors.Select(t => t.Name == "blk.1.ffn_up.weight" ? t with { Name = "blk.1.ffn_upx.weight" } : t)]);
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["m"] = refused });
        var link = Path.Combine(server.ModelsFolder, "m.gguf");

        var before = await Http.GetAsync(server.Client, "/v1/models/m", TestModels.Timeout());
        var first = await Chat(server.Client, "m");
        var remembered = await Http.GetAsync(server.Client, "/v1/models/m", TestModels.Timeout());
        var second = await Chat(server.Client, "m");
        File.Delete(link);
        File.CreateSymbolicLink(link, TestModels.Require(TestModels.Synthetic));
        var afterChange = await Chat(server.Client, "m");

        Assert.True(before.Json.GetProperty("meta").GetProperty("available").GetBoolean());
        AssertInvalidModelFile(first, "llama.cpp could not load");
        Assert.False(remembered.Json.GetProperty("meta").GetProperty("available").GetBoolean());
        Assert.Contains("llama.cpp could not load", remembered.Json.GetProperty("meta").GetProperty("unavailable_reason").GetString(), StringComparison.Ordinal);
        AssertInvalidModelFile(second, "llama.cpp could not load");
        Assert.Equal(HttpStatusCode.OK, afterChange.Status);
    }

    [Fact]
    public async Task Bad_files_are_listed_as_unavailable_with_the_reason_and_the_others_keep_working()
    {
        var list = await Http.GetAsync(fixture.Api.Client, "/v1/models", TestModels.Timeout());
        var detail = await Http.GetAsync(fixture.Api.Client, "/v1/models/corrupt-block-count-zero", TestModels.Timeout());
        var served = await Chat(fixture.Api.Client, Healthy);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        var models = list.Json.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("meta"));
        Assert.True(models[Healthy].GetProperty("available").GetBoolean());
        Assert.True(models[Healthy].GetProperty("memory_estimate_bytes").GetInt64() > 0);
        foreach (var corruption in ModelCorruptions.Names.Select(row => row.Data))
        {
            var meta = models[$"corrupt-{corruption}"];
            Assert.False(meta.GetProperty("available").GetBoolean());
            Assert.Contains(ModelCorruptions.Named(corruption), meta.GetProperty("unavailable_reason").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.False(detail.Json.GetProperty("meta").GetProperty("available").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, served.Status);
    }

    [Fact]
    public async Task Health_is_degraded_and_names_the_refused_files()
    {
        using var health = await fixture.Api.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());
        var text = await health.Content.ReadAsStringAsync(TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith("Degraded", text, StringComparison.Ordinal);
        Assert.Contains("corrupt-block-count-zero: " + ModelCorruptions.Named("block-count-zero"), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_unhealthy_when_every_file_is_refused()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["bad"] = ModelCorruptions.Write("epsilon-nan") });

        using var health = await server.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());
        var text = await health.Content.ReadAsStringAsync(TestModels.Timeout());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("bad: " + ModelCorruptions.Named("epsilon-nan"), text, StringComparison.Ordinal);
    }

    private static Task<Http.Reply> Chat(HttpClient client, string model) => Http.PostAsync(client, "/v1/chat/completions", new
    {
        model,
        max_tokens = 1,
        messages = new[] { new { role = "user", content = "Hi" } },
    }, TestModels.Timeout());

    private static void AssertInvalidModelFile(Http.Reply reply, string named)
    {
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var error = reply.Json.GetProperty("error");
        Assert.Equal("invalid_model_file", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

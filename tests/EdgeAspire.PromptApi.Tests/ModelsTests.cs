using System.ClientModel;
using System.Net;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace EdgeAspire.PromptApi.Tests;

public sealed class ModelsTests
{
    [Fact]
    public async Task Models_are_listed_through_the_sdk_with_their_ids()
    {
        await using var server = PromptApiServer.WithBothModels();
        var client = new OpenAIModelClient(new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });

        OpenAIModelCollection models = await client.GetModelsAsync(TestModels.Timeout());
        OpenAIModel synthetic = await client.GetModelAsync(TestModels.Synthetic, TestModels.Timeout());

        Assert.Contains(TestModels.Synthetic, models.Select(m => m.Id));
        Assert.Equal(Fixtures.SharedModel("stories260K.gguf") is not null, models.Any(m => m.Id == TestModels.Stories));
        Assert.Equal(TestModels.Synthetic, synthetic.Id);
        Assert.Equal("edgeaspire", synthetic.OwnedBy);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Model_detail_has_the_gguf_facts_and_is_loaded_after_first_use(string model)
    {
        var file = TestModels.Require(model);
        await using var server = new PromptApiServer(new Dictionary<string, string> { [model] = file });

        var before = await Http.GetAsync(server.Client, $"/v1/models/{model}", TestModels.Timeout());
        ChatCompletion _ = await new ChatClient(model, new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") })
            .CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 1 }, TestModels.Timeout());
        var after = await Http.GetAsync(server.Client, $"/v1/models/{model}", TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, before.Status);
        var meta = before.Json.GetProperty("meta");
        Assert.Equal(model, before.Json.GetProperty("id").GetString());
        Assert.Equal("model", before.Json.GetProperty("object").GetString());
        Assert.Equal("llama", meta.GetProperty("architecture").GetString());
        Assert.True(meta.GetProperty("parameters").GetInt64() > 0);
        Assert.Equal(new FileInfo(file).Length, meta.GetProperty("size_bytes").GetInt64());
        Assert.True(meta.GetProperty("memory_estimate_bytes").GetInt64() > 0);
        Assert.InRange(meta.GetProperty("context_size").GetInt32(), 1, 512);
        Assert.Equal(model == TestModels.Synthetic, meta.GetProperty("synthetic").GetBoolean());
        Assert.False(meta.GetProperty("loaded").GetBoolean());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), meta.GetProperty("sha256").GetString());
        Assert.True(after.Json.GetProperty("meta").GetProperty("loaded").GetBoolean());
    }

    [Fact]
    public async Task Unknown_model_detail_is_404_model_not_found()
    {
        await using var server = PromptApiServer.WithBothModels();

        var reply = await Http.GetAsync(server.Client, "/v1/models/nope", TestModels.Timeout());

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("model_not_found", reply.Json.GetProperty("error").GetProperty("code").GetString());
    }
}

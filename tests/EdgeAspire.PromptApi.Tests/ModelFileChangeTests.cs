using System.Net;
using System.Security.Cryptography;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Models;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>A loaded model whose file is replaced or deleted is not served from the old weights: the new file is
/// loaded, a deleted one is no longer found.</summary>
public sealed class ModelFileChangeTests
{
    [Fact]
    public async Task A_replaced_file_is_loaded_again_and_described_as_it_now_is()
    {
        var replacement = Fixtures.SyntheticModel(GgmlType.Q8_0);
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["m"] = Fixtures.SyntheticModel(GgmlType.F32) });
        var link = Path.Combine(server.ModelsFolder, "m.gguf");

        var before = await Chat(server);
        File.Delete(link);
        File.CreateSymbolicLink(link, replacement);
        var after = await Chat(server);
        var detail = await Http.GetAsync(server.Client, "/v1/models/m", TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        var loaded = Assert.Single(server.Models.Loaded);
        Assert.Equal(new FileInfo(replacement).Length, loaded.Entry.Gguf.FileSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(replacement))), detail.Json.GetProperty("meta").GetProperty("sha256").GetString());
        Assert.True(detail.Json.GetProperty("meta").GetProperty("loaded").GetBoolean());
    }

    [Fact]
    public async Task The_catalog_forgets_the_files_that_are_gone()
    {
        // Each verdict holds a parsed header: kept for every file ever seen, the fuzzer's 10,000 passing files grew the
        // worker by gigabytes.
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["m"] = TestModels.Require(TestModels.Synthetic) });
        var catalog = server.Services.GetRequiredService<ModelCatalog>();

        for (var i = 0; i < 20; i++)
        {
            var passing = Path.Combine(server.ModelsFolder, $"passing-{i}.gguf");
            File.CreateSymbolicLink(passing, TestModels.Require(TestModels.Synthetic));
            var listed = await Http.GetAsync(server.Client, "/v1/models", TestModels.Timeout());
            Assert.Equal(2, listed.Json.GetProperty("data").GetArrayLength());
            File.Delete(passing);
        }
        var last = await Http.GetAsync(server.Client, "/v1/models", TestModels.Timeout());

        Assert.Equal(1, last.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(1, catalog.Remembered);
    }

    [Fact]
    public async Task A_deleted_file_is_no_longer_served()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["m"] = TestModels.Require(TestModels.Synthetic) });

        var before = await Chat(server);
        File.Delete(Path.Combine(server.ModelsFolder, "m.gguf"));
        var after = await Chat(server);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        Assert.Equal("model_not_found", after.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(server.Models.Loaded);
    }

    private static Task<Http.Reply> Chat(PromptApiServer server) => Http.PostAsync(server.Client, "/v1/chat/completions",
        new { model = "m", max_tokens = 1, messages = new[] { new { role = "user", content = "Hi" } } }, TestModels.Timeout());
}

using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>A chat request without <c>max_tokens</c> is bounded (512 new tokens), not run until the context is full.</summary>
public sealed class DefaultMaxTokensTests
{
    [Fact]
    public async Task A_chat_request_without_max_tokens_stops_at_512_in_a_larger_context()
    {
        // The tiny synthetic shape with a 2,048-token training context, so the context is not what stops it.
        var model = EdgeAspire.Llama.Tests.Fixtures.CachedModel(EdgeAspire.Llama.Gguf.GgufPresets.Tiny with { ContextLength = 2048 }, EdgeAspire.Llama.Gguf.GgmlType.F32);
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = model },
            new Dictionary<string, string> { ["ContextSize"] = "1024", ["ParallelSequences"] = "1" });

        var reply = await Http.PostAsync(server.Client, "/v1/chat/completions", new
        {
            model = TestModels.Synthetic,
            messages = new[] { new { role = "user", content = "Once upon a time" } },
            temperature = 0,
            ignore_eos = true,
        }, TestModels.Timeout(120));

        Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
        Assert.Equal("length", reply.Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(512, reply.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }
}

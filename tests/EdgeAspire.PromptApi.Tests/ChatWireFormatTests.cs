using System.Net;
using System.Text.Json;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Chat completion fields as raw HTTP, where the OpenAI SDK hides them (llama-server's <c>timings</c>) or
/// always sends another form (<c>stop</c> as a string).</summary>
public sealed class ChatWireFormatTests(BothModelsFixture fixture) : IClassFixture<BothModelsFixture>
{
    private const string Chat = "/v1/chat/completions";

    private static readonly string[] s_timingKeys =
        ["prompt_n", "prompt_ms", "prompt_per_second", "predicted_n", "predicted_ms", "predicted_per_second", "cache_n"];

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Timings_have_every_llama_server_key_and_count_the_cached_prompt_as_usage_does(string model)
    {
        var body = Body(model, "Once upon a time there was", new { max_tokens = 4, temperature = 0 });

        var first = await PostAsync(body);
        var second = await PostAsync(body);

        foreach (var reply in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var timings = reply.Json.GetProperty("timings");
            Assert.All(s_timingKeys, key => Assert.Equal(JsonValueKind.Number, timings.GetProperty(key).ValueKind));
            var usage = reply.Json.GetProperty("usage");
            Assert.Equal(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), timings.GetProperty("cache_n").GetInt32());
            Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), timings.GetProperty("prompt_n").GetInt32() + timings.GetProperty("cache_n").GetInt32());
            Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), timings.GetProperty("predicted_n").GetInt32());
        }
        // Every prompt token but the last (whose logits are needed again) comes from the KV cache.
        Assert.Equal(1, second.Json.GetProperty("timings").GetProperty("prompt_n").GetInt32());
        Assert.True(second.Json.GetProperty("timings").GetProperty("cache_n").GetInt32() > 0);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Stop_as_a_plain_string_cuts_the_text_like_a_one_element_array(string model)
    {
        var free = await PostAsync(Body(model, "Once upon a time", new { max_tokens = 48, temperature = 0 }));
        var text = Content(free);
        Assert.True(text.Length >= 20, $"too little text to pick a stop sequence from: '{text}'");
        var stop = text.Substring(text.Length / 2, 3);

        var stopped = await PostAsync(Body(model, "Once upon a time", new { max_tokens = 48, temperature = 0, stop }));

        Assert.Equal(HttpStatusCode.OK, stopped.Status);
        Assert.Equal("stop", stopped.Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], Content(stopped));
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task N_of_one_and_a_user_are_accepted(string model)
    {
        var reply = await PostAsync(Body(model, "Hi", new { max_tokens = 2, n = 1, user = "user-1234" }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, reply.Json.GetProperty("choices").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task A_stream_without_include_usage_has_no_usage_chunk(string model)
    {
        var chunks = new List<JsonElement>();
        await using (var stream = await StreamingRequest.StartAsync(fixture.Server.Client, Chat, Body(model, "Once upon a time", new { max_tokens = 6, stream = true }), TestModels.Timeout()))
        {
            Assert.Equal(HttpStatusCode.OK, stream.Status);
            while (await stream.ReadAsync(TestModels.Timeout()) is { } chunk)
            {
                chunks.Add(chunk);
            }
        }

        Assert.NotEmpty(chunks);
        Assert.All(chunks, chunk => Assert.True(
            !chunk.TryGetProperty("usage", out var usage) || usage.ValueKind == JsonValueKind.Null, $"usage in {chunk}"));
        Assert.All(chunks, chunk => Assert.NotEqual(0, chunk.GetProperty("choices").GetArrayLength()));
        Assert.Single(chunks, chunk => chunk.GetProperty("choices")[0].TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String);
    }

    /// <summary>A one-message chat request for <paramref name="model"/> with the fields of <paramref name="extra"/>.</summary>
    private static Dictionary<string, object> Body(string model, string content, object extra)
    {
        TestModels.Require(model);
        var body = JsonSerializer.Deserialize<Dictionary<string, object>>(JsonSerializer.Serialize(extra))!;
        body["model"] = model;
        body["messages"] = new[] { new { role = "user", content } };
        return body;
    }

    private Task<Http.Reply> PostAsync(object body) => Http.PostAsync(fixture.Server.Client, Chat, body, TestModels.Timeout());

    private static string Content(Http.Reply reply) => reply.Json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
}

using System.Net;
using System.Text;
using System.Text.Json;
using EdgeAspire.Arm64.Tests.Infrastructure;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.Arm64.Tests;

/// <summary>The linux-arm64 PromptApi under Cortex-A76 emulation answers what the x64 build answers.</summary>
[Collection(EmulatedArm64.Name)]
public sealed class PromptApiOnArm64Tests(EmulatedPromptApi servers) : IClassFixture<EmulatedPromptApi>
{
    /// <summary>
    /// Largest difference allowed between an arm64 and an x64 log probability on an F32 model. The builds run
    /// different kernels (NEON against AVX2/AVX-512) that sum in different orders; measured: 4.4e-5 on stories260K,
    /// 5.7e-6 on the synthetic F32 model (docs/arm64.md).
    /// </summary>
    public const double FloatTolerance = 2e-4;

    /// <summary>As <see cref="FloatTolerance"/> for Q4_0 weights, whose activations are quantized to 8 bits with
    /// each kernel's own rounding of the block scales; measured: 2.1e-3 on the synthetic Q4_0 model.</summary>
    public const double QuantizedTolerance = 1e-2;

    [Fact]
    public void Llama_cpp_picks_the_armv8_2_backend_with_dot_product_instructions_as_on_a_Pi_5()
    {
        servers.Build.RequireAvailable();

        var line = servers.Arm64.Log.Split('\n').Single(l => l.Contains("CPU backend", StringComparison.Ordinal));

        Assert.Matches(@"CPU backend armv8\.2_\d", line);
        Assert.Contains("DOTPROD = 1", line, StringComparison.Ordinal);
        Assert.Contains("runtimes/linux-arm64/native", line, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine($"published for linux-arm64 in {servers.Build.PublishTime.TotalSeconds:0} s; {line.Trim()}");
    }

    [Fact]
    public async Task A_greedy_chat_gives_the_x64_text_on_every_model()
    {
        servers.Build.RequireAvailable();

        foreach (var model in servers.ModelIds)
        {
            var body = new { model, messages = new[] { new { role = "user", content = "Once upon a time" } }, max_tokens = 24, temperature = 0 };
            var x64 = await Http.PostAsync(servers.X64.Client, "/v1/chat/completions", body, TestModels.Timeout());
            var arm64 = await Http.PostAsync(servers.Arm64.Client, "/v1/chat/completions", body, TestModels.Timeout(300));

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (x64.Status, arm64.Status));
            Assert.Equal(Text(x64.Json), Text(arm64.Json));
            Assert.Equal(x64.Json.GetProperty("usage").GetRawText(), arm64.Json.GetProperty("usage").GetRawText());
        }
    }

    [Fact]
    public async Task A_streamed_chat_ends_with_DONE_and_carries_the_same_text()
    {
        servers.Build.RequireAvailable();
        var model = servers.ModelIds[0];
        var body = new { model, messages = new[] { new { role = "user", content = "Tell me a story" } }, max_tokens = 16, temperature = 0 };

        var reference = await Http.PostAsync(servers.X64.Client, "/v1/chat/completions", body, TestModels.Timeout());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent(new { model, body.messages, body.max_tokens, body.temperature, stream = true }),
        };
        using var response = await servers.Arm64.Client.SendAsync(request, TestModels.Timeout(300));
        var events = (await response.Content.ReadAsStringAsync(TestModels.Timeout(300)))
            .Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        var streamed = string.Concat(events[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices"))
            .Where(c => c.GetArrayLength() > 0)
            .Select(c => c[0].GetProperty("delta").TryGetProperty("content", out var content) ? content.GetString() : ""));
        Assert.Equal(Text(reference.Json), streamed);
    }

    [Fact]
    public async Task Echoed_log_probabilities_agree_with_x64_within_the_stated_tolerance()
    {
        servers.Build.RequireAvailable();
        foreach (var model in servers.ModelIds)
        {
            var body = new { model, prompt = "Once upon a time there was a little girl who loved to play in the park.", echo = true, logprobs = 1, max_tokens = 0 };
            var x64 = await Http.PostAsync(servers.X64.Client, "/v1/completions", body, TestModels.Timeout());
            var arm64 = await Http.PostAsync(servers.Arm64.Client, "/v1/completions", body, TestModels.Timeout(300));

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (x64.Status, arm64.Status));
            var expected = LogProbs(x64.Json);
            var actual = LogProbs(arm64.Json);
            Assert.Equal(Tokens(x64.Json), Tokens(arm64.Json));
            Assert.Equal(expected.Length, actual.Length);
            Assert.True(expected.Length > 10, $"{model}: only {expected.Length} scored tokens");
            var difference = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
            TestContext.Current.TestOutputHelper?.WriteLine($"{model}: {expected.Length} tokens, largest |arm64 - x64| = {difference:E2}");
            Assert.InRange(difference, 0, model == EmulatedPromptApi.Quantized ? QuantizedTolerance : FloatTolerance);
        }
    }

    private static string Text(JsonElement reply) => reply.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    private static double[] LogProbs(JsonElement reply) =>
        [.. reply.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("token_logprobs").EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Number).Select(p => p.GetDouble())];

    private static string[] Tokens(JsonElement reply) =>
        [.. reply.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)];

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}

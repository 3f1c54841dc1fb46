using System.Net;
using System.Text;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Legacy <c>/v1/completions</c> over raw HTTP (the OpenAI SDK no longer has it).</summary>
public sealed class CompletionsTests(BothModelsFixture fixture) : IClassFixture<BothModelsFixture>
{
    private const string Prompt = "Once upon a time there was a little girl";

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Streamed_echoed_completion_adds_up_to_the_non_streamed_one_with_usage_last(string model)
    {
        TestModels.Require(model);
        var whole = await Http.PostAsync(fixture.Server.Client, "/v1/completions",
            new { model, prompt = Prompt, echo = true, max_tokens = 12, temperature = 0 }, TestModels.Timeout());

        await using var stream = await StreamingRequest.StartAsync(fixture.Server.Client, "/v1/completions",
            new { model, prompt = Prompt, echo = true, max_tokens = 12, temperature = 0, stream = true, stream_options = new { include_usage = true } }, TestModels.Timeout());
        var text = new StringBuilder();
        var usages = 0;
        var last = default(System.Text.Json.JsonElement);
        while (await stream.ReadAsync(TestModels.Timeout()) is { } chunk)
        {
            foreach (var choice in chunk.GetProperty("choices").EnumerateArray())
            {
                text.Append(choice.GetProperty("text").GetString());
            }
            usages += chunk.TryGetProperty("usage", out _) ? 1 : 0;
            last = chunk;
        }

        Assert.Equal(HttpStatusCode.OK, whole.Status);
        Assert.StartsWith(Prompt, text.ToString(), StringComparison.Ordinal);
        Assert.Equal(whole.Json.GetProperty("choices")[0].GetProperty("text").GetString(), text.ToString());
        Assert.Equal(1, usages);
        Assert.Equal(whole.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), last.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Several_string_prompts_get_one_choice_each_in_order(string model)
    {
        TestModels.Require(model);
        string[] prompts = ["Once upon a time", "The cat sat"];

        var batch = await Http.PostAsync(fixture.Server.Client, "/v1/completions", new { model, prompt = prompts, max_tokens = 6, temperature = 0 }, TestModels.Timeout());
        var second = await Http.PostAsync(fixture.Server.Client, "/v1/completions", new { model, prompt = prompts[1], max_tokens = 6, temperature = 0 }, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, batch.Status);
        var choices = batch.Json.GetProperty("choices");
        Assert.Equal(2, choices.GetArrayLength());
        Assert.Equal(1, choices[1].GetProperty("index").GetInt32());
        Assert.Equal(second.Json.GetProperty("choices")[0].GetProperty("text").GetString(), choices[1].GetProperty("text").GetString());
    }
}

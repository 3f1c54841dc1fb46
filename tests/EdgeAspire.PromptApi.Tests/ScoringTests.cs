using System.Net;
using System.Text.Json;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary><c>/v1/completions</c> with <c>echo</c> + <c>logprobs</c> + <c>max_tokens: 0</c>, read the way
/// lm-evaluation-harness reads it: the continuation's log-likelihood and whether it is greedy.</summary>
public sealed class ScoringTests(BothModelsFixture fixture) : IClassFixture<BothModelsFixture>
{
    private const string Context = "Once upon a time there was a little girl";
    private const string Continuation = " who loved to play in the park.";

    public static TheoryData<string, string> ModelsAndPromptShapes => new()
    {
        { TestModels.Stories, "string" }, { TestModels.Stories, "token ids" }, { TestModels.Stories, "lists of token ids" },
        { TestModels.Synthetic, "string" }, { TestModels.Synthetic, "token ids" }, { TestModels.Synthetic, "lists of token ids" },
    };

    [Theory]
    [MemberData(nameof(ModelsAndPromptShapes))]
    public async Task Echoed_prompt_log_probabilities_sum_to_the_engine_score_of_the_continuation(string model, string shape)
    {
        TestModels.Require(model);
        using var lease = await fixture.Server.Models.AcquireAsync(model, TestModels.Timeout());
        var engine = lease.Model.Engine;
        var tokens = engine.Tokenize(Context + Continuation, addSpecial: true, parseSpecial: true);
        var contextLength = engine.Tokenize(Context, addSpecial: true, parseSpecial: true).Length;
        object prompt = shape switch
        {
            "string" => Context + Continuation,
            "token ids" => tokens,
            _ => new[] { tokens, tokens },
        };
        var expected = await engine.ScoreAsync(new ScoreRequest { Tokens = tokens, FirstScored = contextLength, TopLogProbs = 1 }, TestModels.Timeout());

        var reply = await Http.PostAsync(fixture.Server.Client, "/v1/completions",
            new { model, prompt, echo = true, logprobs = 1, max_tokens = 0, temperature = 0 }, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var choices = reply.Json.GetProperty("choices");
        Assert.Equal(shape == "lists of token ids" ? 2 : 1, choices.GetArrayLength());
        foreach (var choice in choices.EnumerateArray())
        {
            var logprobs = choice.GetProperty("logprobs");
            var tokenLogprobs = logprobs.GetProperty("token_logprobs");
            var top = logprobs.GetProperty("top_logprobs");
            Assert.Equal(tokens.Length, logprobs.GetProperty("tokens").GetArrayLength());
            Assert.Equal(tokens.Length, tokenLogprobs.GetArrayLength());
            Assert.Equal(tokens.Length, top.GetArrayLength());
            Assert.Equal(JsonValueKind.Null, tokenLogprobs[0].ValueKind);
            Assert.All(tokenLogprobs.EnumerateArray().Skip(1), p => Assert.InRange(p.GetDouble(), double.MinValue, 0));
            Assert.All(top.EnumerateArray().Skip(1), t => Assert.Equal(JsonValueKind.Object, t.ValueKind));

            var sum = tokenLogprobs.EnumerateArray().Skip(contextLength).Sum(p => p.GetDouble());
            Assert.Equal(expected.Sum, sum, 1e-3);
            var greedy = Enumerable.Range(contextLength, tokens.Length - contextLength).All(i =>
                top[i].EnumerateObject().MaxBy(p => p.Value.GetDouble()).Name == logprobs.GetProperty("tokens")[i].GetString());
            Assert.Equal(expected.IsGreedy, greedy);
        }
        Assert.Equal(tokens.Length * choices.GetArrayLength(), reply.Json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(0, reply.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Token_prompt_of_more_than_64_tokens_is_one_prompt(string model)
    {
        TestModels.Require(model);
        var tokens = Enumerable.Range(0, 100).Select(i => 100 + (i % 50)).ToArray();

        var reply = await Http.PostAsync(fixture.Server.Client, "/v1/completions", new { model, prompt = tokens, max_tokens = 1 }, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, reply.Json.GetProperty("choices").GetArrayLength());
        Assert.Equal(100, reply.Json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }
}

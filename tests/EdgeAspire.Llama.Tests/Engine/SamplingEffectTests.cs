using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public class SamplingEffectTests
{
    public static TheoryData<string, float, int, float> GreedyEquivalents => new()
    {
        { TestModels.Stories, 5f, 1, 0f },
        { TestModels.Synthetic, 5f, 1, 0f },
        { TestModels.Stories, 5f, 0, 1f },
        { TestModels.Synthetic, 5f, 0, 1f },
    };

    [Theory]
    [MemberData(nameof(GreedyEquivalents))]
    public async Task Top_k_1_or_min_p_1_is_greedy_whatever_the_temperature(string model, float temperature, int topK, float minP)
    {
        using var engine = Llama.Engine(TestModels.PathOf(model));
        var prompt = engine.Tokenize("Once upon a time");

        var greedy = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 32 }, TestModels.Timeout());
        var sampled = await engine.GenerateTextAsync(new GenerationRequest
        {
            PromptTokens = prompt,
            MaxTokens = 32,
            Sampling = new SamplingOptions { Temperature = temperature, TopK = topK, MinP = minP, Seed = 3 },
        }, TestModels.Timeout());

        Assert.Equal(greedy.Tokens, sampled.Tokens);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task A_strong_repetition_penalty_changes_greedy_output(string model)
    {
        using var engine = Llama.Engine(TestModels.PathOf(model));
        var prompt = engine.Tokenize("Once upon a time");

        var greedy = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 48 }, TestModels.Timeout());
        var penalised = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 48, Sampling = new SamplingOptions { RepeatPenalty = 1.5f } }, TestModels.Timeout());

        Assert.NotEqual(greedy.Tokens, penalised.Tokens);
    }
}

using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public class PrefixReuseTests
{
    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Second_turn_evaluates_only_new_tokens_and_matches_a_cold_run(string model)
    {
        var path = TestModels.PathOf(model);
        using var warm = Llama.Engine(path);
        var turn1 = warm.Tokenize("Once upon a time");
        var reply = await warm.GenerateTextAsync(new GenerationRequest { PromptTokens = turn1, MaxTokens = 24 }, TestModels.Timeout());
        int[] turn2 = [.. turn1, .. reply.Tokens, .. warm.Tokenize(" Then they went home.", addSpecial: false)];

        var second = await warm.GenerateTextAsync(new GenerationRequest { PromptTokens = turn2, MaxTokens = 24 }, TestModels.Timeout());
        using var cold = Llama.Engine(path);
        var coldRun = await cold.GenerateTextAsync(new GenerationRequest { PromptTokens = turn2, MaxTokens = 24 }, TestModels.Timeout());

        // The KV cache holds the prompt and every generated token but the last, which was sampled and never fed back.
        var cached = turn1.Length + reply.Tokens.Count - 1;
        Assert.Equal(cached, second.Timings.CachedTokens);
        Assert.Equal(turn2.Length - cached, second.Timings.PromptEvaluated);
        Assert.Equal(0, coldRun.Timings.CachedTokens);
        Assert.Equal(coldRun.Tokens, second.Tokens);
    }

    [Fact]
    public async Task Identical_prompt_reevaluates_only_its_last_token()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic));
        var prompt = engine.Tokenize("Once upon a time there was");
        var first = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 5 }, TestModels.Timeout());

        var again = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 5 }, TestModels.Timeout());

        Assert.Equal(prompt.Length - 1, again.Timings.CachedTokens);
        Assert.Equal(first.Tokens, again.Tokens);
    }

    [Fact]
    public async Task Diverging_prompt_drops_the_stale_suffix()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic));
        var a = engine.Tokenize("Once upon a time there was a cat");
        var b = engine.Tokenize("Once upon a time there was a dog who ran");
        await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = a, MaxTokens = 8 }, TestModels.Timeout());

        var warm = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = b, MaxTokens = 8 }, TestModels.Timeout());
        using var cold = Llama.Engine(TestModels.PathOf(TestModels.Synthetic));
        var coldRun = await cold.GenerateTextAsync(new GenerationRequest { PromptTokens = b, MaxTokens = 8 }, TestModels.Timeout());

        var common = a.Zip(b).TakeWhile(p => p.First == p.Second).Count();
        Assert.Equal(common, warm.Timings.CachedTokens);
        Assert.Equal(coldRun.Tokens, warm.Tokens);
    }
}

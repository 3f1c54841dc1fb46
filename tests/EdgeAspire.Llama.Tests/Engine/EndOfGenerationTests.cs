using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>Only the synthetic model: stories260K (llama2.c's TinyStories) was trained with stories separated by
/// BOS, not EOS, and greedy or seeded generation from story prompts never emits EOS in 300-400 tokens.</summary>
public class EndOfGenerationTests
{
    [Fact]
    public async Task Generation_stops_at_the_end_of_sequence_token_without_its_text()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic));
        // With seed 1234 the synthetic model's greedy continuation of this prompt reaches </s> at its 11th token.
        var prompt = engine.Tokenize("Once for");
        var past = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 64, IgnoreEndOfGeneration = true }, TestModels.Timeout());
        var end = past.Tokens.ToList().IndexOf(engine.Model.Vocab.Eos);
        Assert.True(end >= 0, "the synthetic model no longer emits EOS for this prompt");

        var updates = new List<GenerationUpdate>();
        await foreach (var update in engine.GenerateAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 64 }, TestModels.Timeout()))
        {
            updates.Add(update);
        }

        var eos = updates.Single(u => u.Token == engine.Model.Vocab.Eos);
        Assert.Equal("", eos.Text);
        Assert.Equal(FinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal(past.Tokens.Take(end + 1), updates.Where(u => u.Token is not null).Select(u => u.Token!.Value));
        Assert.Equal(engine.Model.Vocab.Detokenize(past.Tokens.Take(end).ToArray()), string.Concat(updates.Select(u => u.Text)));
    }
}

using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public class LogProbTests
{
    // Batched and token-by-token logits differ by ~1e-4 on F32 models (NATIVE.md).
    private const double Tolerance = 2e-3;

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Continuation_scored_in_one_batch_agrees_with_token_by_token_evaluation(string model)
    {
        var path = TestModels.PathOf(model);
        using var batched = Llama.Engine(path);
        using var oneByOne = Llama.Engine(path, batchSize: 1);
        var context = batched.Tokenize("Once upon a time there was a little girl");
        var continuation = batched.Tokenize(" who loved to play in the park.", addSpecial: false);
        var request = new ScoreRequest { Tokens = [.. context, .. continuation], FirstScored = context.Length, TopLogProbs = 3 };

        var a = await batched.ScoreAsync(request, TestModels.Timeout());
        var b = await oneByOne.ScoreAsync(request, TestModels.Timeout());

        Assert.Equal(continuation.Length, a.Tokens.Count);
        Assert.Equal(continuation, a.Tokens.Select(t => t.Token));
        for (var i = 0; i < continuation.Length; i++)
        {
            Assert.Equal(b.Tokens[i].LogProb, a.Tokens[i].LogProb, Tolerance);
            Assert.True(a.Tokens[i].LogProb <= 0);
            Assert.Equal(3, a.Tokens[i].Top.Count);
            Assert.True(a.Tokens[i].Top[0].LogProb >= a.Tokens[i].Top[1].LogProb);
            Assert.True(a.Tokens[i].Top[0].LogProb >= a.Tokens[i].LogProb - 1e-9);
        }
        Assert.Equal(b.Sum, a.Sum, Tolerance * continuation.Length);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Scores_of_greedy_output_match_the_generation_log_probabilities(string model)
    {
        using var engine = Llama.Engine(TestModels.PathOf(model));
        var prompt = engine.Tokenize("Once upon a time");
        var generated = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 12, TopLogProbs = 2 }, TestModels.Timeout());

        using var fresh = Llama.Engine(TestModels.PathOf(model));
        var scored = await fresh.ScoreAsync(new ScoreRequest { Tokens = [.. prompt, .. generated.Tokens], FirstScored = prompt.Length }, TestModels.Timeout());

        Assert.Equal(generated.Tokens.Count, generated.LogProbs.Count);
        Assert.True(scored.IsGreedy);
        for (var i = 0; i < generated.Tokens.Count; i++)
        {
            Assert.True(generated.LogProbs[i].IsGreedy);
            Assert.Equal(generated.LogProbs[i].Top[0].Token, generated.Tokens[i]);
            Assert.Equal(generated.LogProbs[i].LogProb, scored.Tokens[i].LogProb, Tolerance);
        }
    }

    [Fact]
    public async Task Log_probabilities_of_the_whole_vocabulary_sum_to_one()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic));
        var vocab = engine.Model.Vocab.Count;
        var context = engine.Tokenize("Once upon a time");
        var total = 0.0;
        for (var token = 0; token < vocab; token += 1)
        {
            var result = await engine.ScoreAsync(new ScoreRequest { Tokens = [.. context, token], FirstScored = context.Length }, TestModels.Timeout());
            total += Math.Exp(result.Tokens[0].LogProb);
        }
        Assert.Equal(1.0, total, 1e-3);
    }

    [Fact]
    public async Task Invalid_score_requests_are_refused()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic), contextSize: 64);
        await Assert.ThrowsAsync<ArgumentException>(() => engine.ScoreAsync(new ScoreRequest { Tokens = [1], FirstScored = 1 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.ScoreAsync(new ScoreRequest { Tokens = [1, 2], FirstScored = 0 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.ScoreAsync(new ScoreRequest { Tokens = [1, 2], FirstScored = 2 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.ScoreAsync(new ScoreRequest { Tokens = [1, 99_999], FirstScored = 1 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ContextLengthExceededException>(() => engine.ScoreAsync(new ScoreRequest { Tokens = new int[65], FirstScored = 1 }, TestContext.Current.CancellationToken));
    }
}

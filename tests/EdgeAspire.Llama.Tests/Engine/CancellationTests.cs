using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>Runs alone (after the parallel tests) on a model that takes milliseconds per token, so the test's
/// reaction to a token is not outrun by the worker on a loaded machine.</summary>
[CollectionDefinition(nameof(CancellationTests), DisableParallelization = true)]
[Collection(nameof(CancellationTests))]
public class CancellationTests
{
    [Fact]
    public async Task Cancellation_ends_the_stream_at_the_next_token()
    {
        using var engine = Llama.Engine(TestModels.Slow);
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        GenerationUpdate? last = null;
        await foreach (var update in engine.GenerateAsync(new GenerationRequest { PromptTokens = engine.Tokenize("Once upon a time"), MaxTokens = 400, IgnoreEndOfGeneration = true }, cancel.Token))
        {
            last = update;
            if (update.Token is not null && ++seen == 5)
            {
                await cancel.CancelAsync();
            }
        }

        Assert.Equal(FinishReason.Cancelled, last!.FinishReason);
        // The token being computed when the cancel arrived may still complete; none after it.
        Assert.InRange(last.Timings!.GeneratedTokens, 5, 6);
    }
}

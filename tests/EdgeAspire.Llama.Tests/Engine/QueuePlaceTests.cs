using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>A request takes its place in the queue before its prompt is tokenized and keeps it into its
/// generation: counted once, from arrival until a sequence takes it.</summary>
public class QueuePlaceTests
{
    [Fact]
    public async Task A_place_taken_before_tokenizing_counts_in_the_queue_and_passes_to_the_generation()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic), queueLength: 1);

        using var place = engine.EnterQueue();
        var waitingWhileTokenizing = engine.QueuedRequests;
        var another = Record.Exception(() => engine.EnterQueue());
        var prompt = await engine.TokenizeAsync(place, "Once upon a time", cancellationToken: TestModels.Timeout());
        var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 2, IgnoreEndOfGeneration = true }, place, TestModels.Timeout());

        Assert.Equal(1, waitingWhileTokenizing);
        Assert.IsType<QueueFullException>(another);
        Assert.Equal(2, result.Tokens.Count);
        Assert.Equal(0, engine.QueuedRequests);
        Assert.Throws<InvalidOperationException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 1 }, place, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_place_given_up_before_its_generation_is_free_for_the_next_request()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic), queueLength: 1);

        engine.EnterQueue().Dispose();
        using var next = engine.EnterQueue();

        Assert.Equal(1, engine.QueuedRequests);
    }
}

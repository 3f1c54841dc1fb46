using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>In the non-parallel collection of <see cref="CancellationTests"/>, on the slow model, so the stream to
/// cancel is still running when the test reacts.</summary>
[Collection(nameof(CancellationTests))]
public class BatchCancellationTests
{
    [Fact]
    public async Task Cancelling_one_stream_leaves_the_others_as_they_would_be_alone()
    {
        using var single = Llama.Engine(TestModels.Slow);
        using var batched = Llama.Engine(TestModels.Slow, sequences: 3);
        var others = new[] { "Once upon a time", "The dog" }.Select(p => BatchingTests.Request(single.Tokenize(p), maxTokens: 24)).ToList();
        var alone = new List<GenerationResult>();
        foreach (var request in others)
        {
            alone.Add(await single.GenerateTextAsync(request, TestModels.Timeout()));
        }
        using var cancel = new CancellationTokenSource();

        var running = others.Select(r => batched.GenerateTextAsync(r, TestModels.Timeout())).ToList();
        GenerationUpdate? last = null;
        var seen = 0;
        await foreach (var update in batched.GenerateAsync(BatchingTests.Request(single.Tokenize("A cat sat"), maxTokens: 400), cancel.Token))
        {
            last = update;
            if (update.Token is not null && ++seen == 3)
            {
                await cancel.CancelAsync();
            }
        }
        var results = await Task.WhenAll(running);

        Assert.Equal(FinishReason.Cancelled, last!.FinishReason);
        Assert.InRange(last.Timings!.GeneratedTokens, 3, 4);
        for (var i = 0; i < others.Count; i++)
        {
            var comparison = BatchedVsAlone.Of(alone[i], results[i]);
            Assert.True(comparison.IsWithin(BatchedVsAlone.Tolerance), comparison.ToString());
            Assert.Equal(24, results[i].Tokens.Count);
        }
    }
}

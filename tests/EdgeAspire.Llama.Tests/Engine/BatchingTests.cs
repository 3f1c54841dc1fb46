using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>Several sequences in one context (continuous batching): each must come out as if it had run alone.</summary>
public class BatchingTests
{
    private static readonly string[] s_prompts =
    [
        "Once upon a time",
        "The little dog ran to the park and saw a big red ball",
        "Lily",
        "One day, a girl named Sue went to the store with her mom to buy some apples and bread",
    ];

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Concurrent_streams_produce_the_texts_of_sequential_runs(string model)
    {
        var path = TestModels.PathOf(model);
        using var single = Llama.Engine(path);
        using var batched = Llama.Engine(path, sequences: 4, prefillChunk: 4);
        var requests = s_prompts.Select(p => Request(single.Tokenize(p), maxTokens: 32)).ToList();
        var alone = new List<GenerationResult>();
        foreach (var request in requests)
        {
            alone.Add(await single.GenerateTextAsync(request, TestModels.Timeout()));
        }

        var together = await Task.WhenAll(requests.Select(r => batched.GenerateTextAsync(r, TestModels.Timeout())));

        for (var i = 0; i < requests.Count; i++)
        {
            var comparison = BatchedVsAlone.Of(alone[i], together[i]);
            Assert.True(comparison.IsWithin(BatchedVsAlone.Tolerance), $"{s_prompts[i]}: {comparison}");
            Assert.Equal(32, together[i].Tokens.Count);
            if (comparison.DivergesAt is null)
            {
                Assert.Equal(alone[i].Text, together[i].Text);
            }
        }
    }

    [Fact]
    public async Task A_burst_beyond_the_sequences_queues_then_completes()
    {
        var path = TestModels.PathOf(TestModels.Synthetic);
        using var single = Llama.Engine(path);
        using var batched = Llama.Engine(path, sequences: 2, queueLength: 8);
        var requests = Enumerable.Range(0, 7).Select(i => Request(single.Tokenize(s_prompts[i % s_prompts.Length] + new string('!', i)), maxTokens: 16)).ToList();

        var together = await Task.WhenAll(requests.Select(r => batched.GenerateTextAsync(r, TestModels.Timeout())));

        for (var i = 0; i < requests.Count; i++)
        {
            var comparison = BatchedVsAlone.Of(await single.GenerateTextAsync(requests[i], TestModels.Timeout()), together[i]);
            Assert.True(comparison.IsWithin(BatchedVsAlone.Tolerance), comparison.ToString());
            Assert.Equal(FinishReason.Length, together[i].FinishReason);
        }
        Assert.Equal(0, batched.ActiveSequences);
        Assert.Equal(0, batched.QueuedRequests);
    }

    [Fact]
    public async Task A_sequence_that_fills_its_cache_ends_with_length_and_its_neighbour_is_undisturbed()
    {
        // 256 tokens per sequence is exactly llama.cpp's cache (it pads to multiples of 256): the long run really
        // fills its KV cells while the short one runs beside it.
        var path = TestModels.PathOf(TestModels.Synthetic);
        using var single = Llama.Engine(path, contextSize: 256);
        using var batched = Llama.Engine(path, contextSize: 256, sequences: 2);
        var filling = Request(single.Tokenize(s_prompts[3]), maxTokens: 1000);
        var neighbour = Request(single.Tokenize(s_prompts[0]), maxTokens: 64);
        var neighbourAlone = await single.GenerateTextAsync(neighbour, TestModels.Timeout());

        var runs = await Task.WhenAll(batched.GenerateTextAsync(filling, TestModels.Timeout()), batched.GenerateTextAsync(neighbour, TestModels.Timeout()));

        // The cache holds the prompt and every generated token but the last (sampled, never fed back).
        Assert.Equal(FinishReason.Length, runs[0].FinishReason);
        Assert.Equal(256 - filling.PromptTokens.Count + 1, runs[0].Tokens.Count);
        var neighbourComparison = BatchedVsAlone.Of(neighbourAlone, runs[1]);
        Assert.True(neighbourComparison.IsWithin(BatchedVsAlone.Tolerance), neighbourComparison.ToString());
        var again = await batched.GenerateTextAsync(filling with { MaxTokens = 8 }, TestModels.Timeout());
        Assert.Equal(8, again.Tokens.Count);
        Assert.Throws<ContextLengthExceededException>(() => batched.GenerateAsync(Request([.. Enumerable.Repeat(5, 257)], maxTokens: 1), TestModels.Timeout()));
    }

    [Fact]
    public async Task Concurrent_conversations_each_reuse_their_own_cached_prefix()
    {
        var path = TestModels.PathOf(TestModels.Synthetic);
        using var batched = Llama.Engine(path, sequences: 2);
        using var cold = Llama.Engine(path);
        var first = s_prompts.Take(2).Select(p => Request(batched.Tokenize(p), maxTokens: 12)).ToList();
        var replies = await Task.WhenAll(first.Select(r => batched.GenerateTextAsync(r, TestModels.Timeout())));
        // Second turns in the opposite order: each must still find the sequence holding its own first turn.
        var second = Enumerable.Range(0, 2).Reverse()
            .Select(i => Request([.. first[i].PromptTokens, .. replies[i].Tokens, .. batched.Tokenize(" And then?", addSpecial: false)], maxTokens: 12))
            .ToList();

        var answers = await Task.WhenAll(second.Select(r => batched.GenerateTextAsync(r, TestModels.Timeout())));

        for (var j = 0; j < 2; j++)
        {
            var i = 1 - j;
            Assert.Equal(first[i].PromptTokens.Count + replies[i].Tokens.Count - 1, answers[j].Timings.CachedTokens);
            var comparison = BatchedVsAlone.Of(await cold.GenerateTextAsync(second[j], TestModels.Timeout()), answers[j]);
            Assert.True(comparison.IsWithin(BatchedVsAlone.Tolerance), comparison.ToString());
        }
    }

    internal static GenerationRequest Request(int[] prompt, int maxTokens) =>
        new() { PromptTokens = prompt, MaxTokens = maxTokens, IgnoreEndOfGeneration = true, TopLogProbs = 2 };
}

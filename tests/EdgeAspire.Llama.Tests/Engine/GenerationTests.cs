using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public class GenerationTests
{
    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Greedy_generation_is_deterministic(string model)
    {
        using var engine = Llama.Engine(TestModels.PathOf(model));
        var request = new GenerationRequest { PromptTokens = engine.Tokenize("Once upon a time"), MaxTokens = 48 };

        var first = await engine.GenerateTextAsync(request, TestModels.Timeout());
        var second = await engine.GenerateTextAsync(request, TestModels.Timeout());
        using var other = Llama.Engine(TestModels.PathOf(model));
        var third = await other.GenerateTextAsync(request, TestModels.Timeout());

        Assert.NotEmpty(first.Tokens);
        Assert.Equal(first.Tokens, second.Tokens);
        Assert.Equal(first.Tokens, third.Tokens);
        Assert.Equal(first.Text, third.Text);
    }

    [Fact]
    public async Task Stories_model_continues_in_english()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Stories));
        var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = engine.Tokenize("Once upon a time"), MaxTokens = 60 }, TestModels.Timeout());

        var words = result.Text.Split([' ', '\n', ',', '.', '!', '"'], StringSplitOptions.RemoveEmptyEntries);
        string[] common = ["the", "a", "and", "was", "to", "she", "he", "her", "they", "it", "little", "day", "one"];
        Assert.True(words.Length >= 20, result.Text);
        Assert.True(words.Count(w => common.Contains(w.ToLowerInvariant())) >= 5, result.Text);
        Assert.All(result.Text, c => Assert.True(c < 128, $"non-ASCII in: {result.Text}"));
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Max_tokens_ends_with_length_after_exactly_that_many_tokens(string model)
    {
        using var engine = Llama.Engine(TestModels.PathOf(model));
        var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = engine.Tokenize("Once upon a time"), MaxTokens = 7 }, TestModels.Timeout());

        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(7, result.Tokens.Count);
        Assert.Equal(7, result.Timings.GeneratedTokens);
        var t = result.Timings;
        Assert.True(t.PromptMs > 0 && t.GenerationMs > 0 && t.TimeToFirstTokenMs > 0, $"timings not all positive: {t}");
        Assert.True(t.TimeToFirstTokenMs <= t.QueueMs + t.PromptMs + t.GenerationMs + 0.01, $"first token after the end: {t}");
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Stop_sequence_cuts_the_text_and_ends_at_the_token_that_completes_it(string model)
    {
        using var engine = Llama.Engine(TestModels.PathOf(model));
        var prompt = engine.Tokenize("Once upon a time");
        var free = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 48 }, TestModels.Timeout());
        var stop = StopCandidate(free.Text);

        var stopped = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 48, Stop = [stop] }, TestModels.Timeout());

        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
        Assert.Equal(TokensUntilTextContains(engine, free.Tokens, stop), stopped.Tokens.Count);
    }

    [Fact]
    public async Task Abandoning_a_stream_frees_the_sequence_for_the_next_request()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic), queueLength: 1);
        var prompt = engine.Tokenize("Once upon a time");
        await foreach (var update in engine.GenerateAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 400 }, TestModels.Timeout()))
        {
            break;
        }

        var next = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 3 }, TestModels.Timeout(10));
        Assert.Equal(3, next.Tokens.Count);
    }

    [Fact]
    public async Task Generation_stops_with_length_when_the_context_is_full()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic), contextSize: 32);
        var prompt = engine.Tokenize(string.Join(' ', Enumerable.Repeat("ab", 40)))[..28];

        var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 100, IgnoreEndOfGeneration = true }, TestModels.Timeout());

        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(32 - 28 + 1, result.Tokens.Count); // the last sampled token needs no KV slot
    }

    [Fact]
    public async Task Full_queue_is_refused_and_no_request_is_lost()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic), queueLength: 1);
        var prompt = engine.Tokenize("Once upon a time");
        using var hold = new CancellationTokenSource();
        var running = engine.GenerateAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 100_000 }, hold.Token).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await running.MoveNextAsync()); // the first request owns the only sequence
        var queued = engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 2 }, TestModels.Timeout());

        Assert.Throws<QueueFullException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 2 }, TestContext.Current.CancellationToken));

        await hold.CancelAsync();
        while (await running.MoveNextAsync()) { }
        await running.DisposeAsync();
        Assert.Equal(2, (await queued).Tokens.Count);
    }

    [Fact]
    public void Invalid_requests_are_refused_before_they_reach_llama_cpp()
    {
        using var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic), contextSize: 64);
        var vocab = engine.Model.Vocab.Count;

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1, vocab] }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1, -1] }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [] }, TestContext.Current.CancellationToken));
        Assert.Throws<ContextLengthExceededException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = new int[65] }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1], MaxTokens = -1 }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1], TopLogProbs = 21 }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1], Stop = [""] }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1], Sampling = new SamplingOptions { Temperature = float.NaN } }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1], Sampling = new SamplingOptions { TopP = 0 } }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1], Sampling = new SamplingOptions { RepeatPenalty = -1 } }, TestContext.Current.CancellationToken));
        // llama.cpp allocates the penalty window up front.
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1], Sampling = new SamplingOptions { RepeatPenalty = 1.1f, RepeatLastN = SamplingOptions.MaxRepeatLastN + 1 } }, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Seeded_sampling_repeats_and_different_seeds_differ(string model)
    {
        using var engine = Llama.Engine(TestModels.PathOf(model));
        GenerationRequest Request(uint seed) => new()
        {
            PromptTokens = engine.Tokenize("Once upon a time"),
            MaxTokens = 32,
            Sampling = new SamplingOptions { Temperature = 1.5f, TopK = 100, TopP = 0.95f, MinP = 0.01f, RepeatPenalty = 1.1f, Seed = seed },
        };

        var a = await engine.GenerateTextAsync(Request(7), TestModels.Timeout());
        var b = await engine.GenerateTextAsync(Request(7), TestModels.Timeout());
        var c = await engine.GenerateTextAsync(Request(8), TestModels.Timeout());

        Assert.Equal(a.Tokens, b.Tokens);
        Assert.NotEqual(a.Tokens, c.Tokens);
    }

    [Fact]
    public async Task Disposing_the_engine_cancels_running_work()
    {
        var engine = Llama.Engine(TestModels.PathOf(TestModels.Synthetic));
        var stream = engine.GenerateAsync(new GenerationRequest { PromptTokens = engine.Tokenize("Once"), MaxTokens = 100_000 }, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await stream.MoveNextAsync());

        engine.Dispose();

        GenerationUpdate last = stream.Current;
        while (await stream.MoveNextAsync())
        {
            last = stream.Current;
        }
        Assert.Equal(FinishReason.Cancelled, last.FinishReason);
        Assert.Throws<ObjectDisposedException>(() => engine.GenerateAsync(new GenerationRequest { PromptTokens = [1] }, TestContext.Current.CancellationToken));
    }

    /// <summary>A piece of the text from its middle, so that it starts after the first token.</summary>
    private static string StopCandidate(string text)
    {
        Assert.True(text.Length >= 20, $"too little text to pick a stop sequence from: '{text}'");
        return text.Substring(text.Length / 2, 3);
    }

    private static int TokensUntilTextContains(InferenceEngine engine, IReadOnlyList<int> tokens, string stop)
    {
        for (var n = 1; n <= tokens.Count; n++)
        {
            if (engine.Model.Vocab.Detokenize(tokens.Take(n).ToArray()).Contains(stop, StringComparison.Ordinal))
            {
                return n;
            }
        }
        throw new InvalidOperationException("stop sequence not in the text");
    }
}

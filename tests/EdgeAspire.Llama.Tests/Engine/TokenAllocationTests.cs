using System.Diagnostics;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>
/// Tracing a request costs allocations per request (its stage spans), not per token, unless token events are asked
/// for. Measured as the bytes the process allocates for each token beyond the first few, traced against untraced, on
/// one engine; alone (after the parallel tests), because the allocation counter is process-wide.
/// </summary>
[CollectionDefinition(nameof(TokenAllocationTests), DisableParallelization = true)]
[Collection(nameof(TokenAllocationTests))]
public sealed class TokenAllocationTests : IDisposable
{
    private const int FewTokens = 8;
    private const int ManyTokens = 72;

    private static readonly ActivitySource s_caller = new("EdgeAspire.Tests.AllocationCaller");
    private readonly SpanRecorder _spans = new("EdgeAspire.Tests.AllocationCaller");

    [Fact]
    public async Task With_token_events_off_a_traced_request_allocates_nothing_more_per_token()
    {
        using var engine = Engine(tokenEvents: 0);

        var untraced = await BytesPerTokenAsync(engine, traced: false);
        var traced = await BytesPerTokenAsync(engine, traced: true);

        // An event would cost an ActivityEvent and its tags, well over this; below it is other threads' noise (seen: 15).
        Assert.True(traced - untraced < 32, $"traced {traced:F1} B/token, untraced {untraced:F1} B/token");
    }

    [Fact]
    public async Task An_event_per_token_shows_up_as_allocations_per_token()
    {
        // The same measurement sees the events' allocations, so the test above could fail.
        using var engine = Engine(tokenEvents: 1);

        var untraced = await BytesPerTokenAsync(engine, traced: false);
        var traced = await BytesPerTokenAsync(engine, traced: true);

        Assert.True(traced - untraced > 64, $"traced {traced:F1} B/token, untraced {untraced:F1} B/token");
    }

    public void Dispose() => _spans.Dispose();

    private static InferenceEngine Engine(int tokenEvents) =>
        new(Llama.Model(TestModels.PathOf(TestModels.Synthetic)), new InferenceEngineOptions
        {
            Context = new LlamaContextOptions { ContextSize = 256, Threads = 2 },
            TokenEvents = tokenEvents,
        });

    /// <summary>The smallest of five measurements: a background allocation only ever adds to one.</summary>
    private static async Task<double> BytesPerTokenAsync(InferenceEngine engine, bool traced)
    {
        await GenerateAsync(engine, ManyTokens, traced); // warm: JIT, pooled buffers, the cached prompt
        var least = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var few = await AllocatedAsync(engine, FewTokens, traced);
            var many = await AllocatedAsync(engine, ManyTokens, traced);
            least = Math.Min(least, (double)(many - few) / (ManyTokens - FewTokens));
        }
        return least;
    }

    private static async Task<long> AllocatedAsync(InferenceEngine engine, int tokens, bool traced)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await GenerateAsync(engine, tokens, traced);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static async Task GenerateAsync(InferenceEngine engine, int tokens, bool traced)
    {
        using var caller = traced ? s_caller.StartActivity("chat synthetic") : null;
        var request = new GenerationRequest { PromptTokens = [1, 5, 6, 7], MaxTokens = tokens, IgnoreEndOfGeneration = true };
        await foreach (var _ in engine.GenerateAsync(request, TestModels.Timeout()))
        {
        }
    }
}

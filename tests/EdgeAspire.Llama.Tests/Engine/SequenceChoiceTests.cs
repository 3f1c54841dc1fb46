using System.Diagnostics;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>Which sequence a request takes: llama.cpp evaluates only consecutive sequence ids in one pass, so the
/// running sequences' ids must stay consecutive; with nothing running, the cached prefix decides.</summary>
public sealed class SequenceChoiceTests : IDisposable
{
    private static readonly ActivitySource s_caller = new("EdgeAspire.Tests.SequenceChoice");
    private readonly SpanRecorder _spans = new("EdgeAspire.Tests.SequenceChoice");

    [Fact]
    public async Task A_request_joining_a_running_one_takes_the_neighbouring_sequence_over_its_cached_prefix()
    {
        using var engine = Llama.Engine(TestModels.Slow, sequences: 4);
        // Four one-off prompts fill sequences 0, 1, 2, 3 in turn (least recently used first).
        int[][] prompts = [.. Enumerable.Range(0, 4).Select(i => Enumerable.Range(100 + (i * 10), 8).ToArray())];
        var filled = new List<int>();
        foreach (var prompt in prompts)
        {
            filled.Add(await SequenceOfAsync(engine, prompt, maxTokens: 1));
        }
        Assert.Equal([0, 1, 2, 3], filled);

        // Alone, a request finds the sequence holding its prefix: the last prompt's is 3.
        using var running = new CancellationTokenSource();
        var (longOne, longStarted) = Start(engine, [.. prompts[3], 7, 7], maxTokens: 400, running.Token);
        await longStarted.Task.WaitAsync(TestModels.Timeout());

        // The first prompt's prefix is cached in sequence 0, but 0 beside 3 would split every step in two passes.
        var joining = await SequenceOfAsync(engine, [.. prompts[0], 9, 9], maxTokens: 2);
        await running.CancelAsync();
        var longSequence = await longOne;

        Assert.Equal(3, longSequence);
        Assert.Equal(2, joining);
    }

    [Fact]
    public async Task With_nothing_running_a_request_returns_to_its_cached_prefix()
    {
        using var engine = Llama.Engine(TestModels.Slow, sequences: 4);
        int[][] prompts = [.. Enumerable.Range(0, 4).Select(i => Enumerable.Range(300 + (i * 10), 8).ToArray())];
        foreach (var prompt in prompts)
        {
            await SequenceOfAsync(engine, prompt, maxTokens: 1);
        }

        Assert.Equal(1, await SequenceOfAsync(engine, [.. prompts[1], 5], maxTokens: 1));
        Assert.Equal(0, await SequenceOfAsync(engine, [.. prompts[0], 5], maxTokens: 1));
    }

    public void Dispose() => _spans.Dispose();

    private async Task<int> SequenceOfAsync(InferenceEngine engine, int[] prompt, int maxTokens)
    {
        var (sequence, _) = Start(engine, prompt, maxTokens, CancellationToken.None);
        return await sequence;
    }

    /// <summary>Runs a request under a caller span; returns its sequence id (the <c>prefill</c> span's
    /// <c>edgeaspire.sequence.id</c>) once it ends, and signals its first token.</summary>
    private (Task<int> Sequence, TaskCompletionSource FirstToken) Start(InferenceEngine engine, int[] prompt, int maxTokens, CancellationToken stop)
    {
        var firstToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Task.Run(RunAsync), firstToken);

        async Task<int> RunAsync()
        {
            ActivityTraceId trace;
            using (var caller = s_caller.StartActivity("caller"))
            {
                trace = caller!.TraceId;
                var request = new GenerationRequest { PromptTokens = prompt, MaxTokens = maxTokens, IgnoreEndOfGeneration = true };
                try
                {
                    await foreach (var update in engine.GenerateAsync(request, stop))
                    {
                        firstToken.TrySetResult();
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The long request is stopped once the test has what it needs.
                }
            }
            var prefill = _spans.Stopped.Single(a => a.TraceId == trace && a.DisplayName == "prefill");
            return (int)prefill.GetTagItem("edgeaspire.sequence.id")!;
        }
    }
}

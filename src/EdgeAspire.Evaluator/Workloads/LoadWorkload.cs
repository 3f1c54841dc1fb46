using System.Diagnostics;
using EdgeAspire.Evaluator.Backends;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Workloads;

/// <summary>
/// Closed-loop phases (N clients, each sending its next request when the last one ends) and open-loop phases
/// (Poisson arrivals at a rate, whatever the server's state), each bounded by a request count and a duration.
/// A phase is the unit of resumption: a complete phase is skipped, an interrupted one is discarded and run again
/// (its timing depends on the whole phase, so half a phase is not a measurement).
/// </summary>
public static class LoadWorkload
{
    public static async Task<IReadOnlyList<LoadSummary>> RunAsync(IModelBackend backend, RunStore store, IReadOnlyList<LoadPhase> phases, IReadOnlyList<string> prompts,
        int requestsPerPhase, TimeSpan phaseDuration, int maxTokens, long seed, IProgressSink progress, CancellationToken cancellationToken)
    {
        var completed = store.CompletedPhases();
        progress.Started($"load {backend.Model}", phases.Count);
        var done = 0;
        foreach (var phase in phases)
        {
            if (!completed.ContainsKey((backend.Model, phase.Name)))
            {
                store.DiscardPhase(backend.Model, phase.Name);
                var started = Stopwatch.GetTimestamp();
                var rows = await RunPhaseAsync(backend, phase, prompts, requestsPerPhase, phaseDuration, maxTokens, seed, cancellationToken).ConfigureAwait(false);
                var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                foreach (var row in rows)
                {
                    store.Add(row);
                }
                store.CompletePhase(backend.Model, phase.Name, phase.Mode, phase.Level, duration);
            }
            progress.Advanced(++done);
        }
        return LoadSummary.Of(store.LoadRows(backend.Model), store.CompletedPhases());
    }

    private static async Task<List<LoadRow>> RunPhaseAsync(IModelBackend backend, LoadPhase phase, IReadOnlyList<string> prompts, int count, TimeSpan duration,
        int maxTokens, long seed, CancellationToken cancellationToken)
    {
        var rows = new List<LoadRow>();
        var clock = Stopwatch.StartNew();
        var issued = -1;
        bool TryTake(out int seq)
        {
            seq = Interlocked.Increment(ref issued);
            return seq < count && clock.Elapsed < duration;
        }
        async Task SendAsync(int seq)
        {
            var row = await MeasureAsync(backend, phase, seq, prompts[seq % prompts.Count], clock, maxTokens, seed, cancellationToken).ConfigureAwait(false);
            lock (rows)
            {
                rows.Add(row);
            }
        }

        if (phase.Mode == "closed")
        {
            var clients = Enumerable.Range(0, (int)phase.Level).Select(async _ =>
            {
                while (TryTake(out var seq))
                {
                    await SendAsync(seq).ConfigureAwait(false);
                }
            });
            await Task.WhenAll(clients).ConfigureAwait(false);
        }
        else
        {
            var state = unchecked((ulong)seed ^ (ulong)BitConverter.DoubleToInt64Bits(phase.Level));
            var inFlight = new List<Task>();
            var next = 0.0;
            while (TryTake(out var seq))
            {
                var wait = TimeSpan.FromSeconds(next) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                inFlight.Add(SendAsync(seq));
                next += -Math.Log(1 - DeterministicSample.NextDouble(ref state)) / phase.Level;
            }
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        rows.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return rows;
    }

    private static async Task<LoadRow> MeasureAsync(IModelBackend backend, LoadPhase phase, int seq, string prompt, Stopwatch clock, int maxTokens, long seed, CancellationToken cancellationToken)
    {
        var start = clock.Elapsed.TotalMilliseconds;
        try
        {
            var m = await backend.ChatAsync([new ChatTurn("user", prompt)], maxTokens, seed, sampleResources: false, cancellationToken).ConfigureAwait(false);
            return new LoadRow(backend.Model, phase.Name, seq, phase.Mode, phase.Level, start, m.LatencyMs, m.TtftMs, m.CompletionTokens, 200, null);
        }
        catch (BackendException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new LoadRow(backend.Model, phase.Name, seq, phase.Mode, phase.Level, start, clock.Elapsed.TotalMilliseconds - start, null, 0, e.Status ?? 0, e.Message);
        }
    }
}

using System.Diagnostics;
using EdgeAspire.Evaluator.Backends;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Evaluator.Results;
using EdgeAspire.Evaluator.Scoring;

namespace EdgeAspire.Evaluator.Workloads;

/// <summary>Scores each item's two options and writes its row at once; items already in the run are skipped.</summary>
public static class WinograndeWorkload
{
    public static async Task<WinograndeSummary> RunAsync(IModelBackend backend, RunStore store, IReadOnlyList<WinograndeItem> items, WinograndeScoring scoring,
        IProgressSink progress, CancellationToken cancellationToken)
    {
        var done = store.WinograndeRows(backend.Model).Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
        progress.Started($"winogrande {backend.Model}", items.Count);
        var count = 0;
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            if (!done.Contains(item.Id))
            {
                cancellationToken.ThrowIfCancellationRequested();
                store.Add(await ScoreAsync(backend, item, index, scoring, cancellationToken).ConfigureAwait(false));
            }
            progress.Advanced(++count);
        }
        var ids = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        return WinograndeSummary.Of(backend.Model, [.. store.WinograndeRows(backend.Model).Where(r => ids.Contains(r.ItemId))]);
    }

    public static async Task<WinograndeRow> ScoreAsync(IModelBackend backend, WinograndeItem item, int index, WinograndeScoring scoring, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (context1, whole1) = WinograndeScorer.Texts(item, 1, scoring);
        var (context2, whole2) = WinograndeScorer.Texts(item, 2, scoring);
        var scored = await backend.ScoreAsync([(context1, whole1), (context2, whole2)], cancellationToken).ConfigureAwait(false);
        var (first, second) = (scored[0], scored[1]);
        var (score1, score2, chosen) = WinograndeScorer.Decide(scoring, first, second);
        return new WinograndeRow(backend.Model, item.Id, index, Name(scoring), item.Answer, chosen, score1, score2, first.Count, second.Count,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public static string Name(WinograndeScoring scoring) => scoring == WinograndeScoring.LmEval ? "lm-eval" : "llama-perplexity";
}

using EdgeAspire.Evaluator.Backends;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Workloads;

/// <summary>Each prompter turn of each thread is one request with the thread so far; rows are written as they are
/// measured and a resumed run skips the turns it has (using their stored replies as history in <see cref="HistoryMode.Model"/>).</summary>
public static class ConversationsWorkload
{
    public static async Task<ConversationSummary> RunAsync(IModelBackend backend, RunStore store, IReadOnlyList<ConversationThread> threads, HistoryMode history,
        int maxTokens, long seed, IProgressSink progress, CancellationToken cancellationToken)
    {
        var done = store.ChatRows(backend.Model).ToDictionary(r => (r.ThreadId, r.Turn), r => r.Measurement.Text);
        progress.Started($"conversations {backend.Model}", threads.Sum(t => t.PrompterTurns.Count()));
        var count = 0;
        for (var conversation = 0; conversation < threads.Count; conversation++)
        {
            var thread = threads[conversation];
            var replies = new Dictionary<int, string>();
            foreach (var turn in thread.PrompterTurns)
            {
                if (!done.TryGetValue((thread.TreeId, turn), out var reply))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var messages = Messages(thread, turn, history, replies);
                    var started = DateTime.UtcNow;
                    ChatRow row;
                    try
                    {
                        row = new ChatRow(backend.Model, thread.TreeId, turn, conversation, await backend.ChatAsync(messages, maxTokens, seed, sampleResources: true, cancellationToken).ConfigureAwait(false), started);
                    }
                    catch (BackendException e) when (e.Status == 400)
                    {
                        row = new ChatRow(backend.Model, thread.TreeId, turn, conversation, new ChatMeasurement(), started, e.Message);
                    }
                    store.Add(row);
                    reply = row.Measurement.Text;
                }
                replies[turn + 1] = reply;
                progress.Advanced(++count);
            }
        }
        var ids = threads.Select(t => t.TreeId).ToHashSet(StringComparer.Ordinal);
        return ConversationSummary.Of(backend.Model, [.. store.ChatRows(backend.Model).Where(r => ids.Contains(r.ThreadId))]);
    }

    /// <summary>The thread up to and including the prompter message at <paramref name="turn"/>.</summary>
    public static IReadOnlyList<ChatTurn> Messages(ConversationThread thread, int turn, HistoryMode history, IReadOnlyDictionary<int, string> modelReplies) =>
        [.. thread.Messages.Take(turn + 1).Select((m, i) => m.Role == "prompter"
            ? new ChatTurn("user", m.Text)
            : new ChatTurn("assistant", history == HistoryMode.Model && modelReplies.TryGetValue(i, out var own) ? own : m.Text))];
}

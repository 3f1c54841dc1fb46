using EdgeAspire.Evaluator.Results;
using EdgeAspire.Evaluator.Workloads;

namespace EdgeAspire.Evaluator.Reports;

/// <summary>Everything a report shows, computed once from the database (so Markdown, HTML and the CLI agree).</summary>
public sealed record ReportData(
    string RunId,
    IReadOnlyDictionary<string, string> Run,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<(string Scope, string Key, string Value)> Environment,
    IReadOnlyList<ConversationSummary> Conversations,
    IReadOnlyList<ChatRow> ChatRows,
    IReadOnlyList<(WinograndeSummary Summary, string Scoring)> Winogrande,
    IReadOnlyList<LoadSummary> Load)
{
    public static ReportData From(RunStore store)
    {
        var chat = store.ChatRows();
        var wino = store.WinograndeRows();
        return new ReportData(
            store.RunId, store.RunInfo, store.Settings, store.Environment(),
            [.. chat.GroupBy(r => r.Model).Select(g => ConversationSummary.Of(g.Key, [.. g]))],
            chat,
            [.. wino.GroupBy(r => r.Model).Select(g => (WinograndeSummary.Of(g.Key, [.. g]), g.First().Scoring))],
            LoadSummary.Of(store.LoadRows(), store.CompletedPhases()));
    }

    /// <summary>A model is synthetic when its GGUF says so (written by <c>synth</c>), as the run recorded it in-process or
    /// from the server's model details: its accuracy means nothing.</summary>
    public bool IsSynthetic(string model) => Environment.Any(e => e.Scope == "model:" + model && e.Key == "model_synthetic" && e.Value == "true");

    public string Label(string model) => IsSynthetic(model) ? model + " (synthetic)" : model;
}

using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Reports;

/// <summary>A run's report in its own folder: <c>report.md</c>, <c>report.html</c>, <c>charts/*.svg</c> and the CSV
/// exports. Written when a run completes and again by <c>report</c>.</summary>
public static class RunReport
{
    public sealed record Files(string Markdown, string Html, IReadOnlyList<string> Csv, IReadOnlyList<string> Charts);

    public static Files Write(RunStore store)
    {
        var data = ReportData.From(store);
        var (markdown, html, charts) = ReportFiles.Write(store.Directory, "report", $"EdgeAspire run {data.RunId}",
            $"Command `{data.Run.GetValueOrDefault("command")}`, status {data.Run.GetValueOrDefault("status")}, started {data.Run.GetValueOrDefault("created_utc")}.",
            data, [.. MarkdownReport.Tables(data)]);
        return new Files(markdown, html, CsvExport.Write(store, store.Directory), charts);
    }
}

namespace EdgeAspire.Evaluator.Reports;

/// <summary>Writes a report's files into a folder: <c>&lt;name&gt;.md</c>, <c>&lt;name&gt;.html</c> and each chart as
/// <c>charts/&lt;id&gt;.svg</c> (the Markdown links them, and a paper can include them as they are).</summary>
public static class ReportFiles
{
    public static (string Markdown, string Html, IReadOnlyList<string> Charts) Write(string folder, string name, string title, string? introduction,
        ReportData data, IReadOnlyList<MarkdownReport.TableData> tables)
    {
        var charts = ReportCharts.All(data).ToList();
        var chartFolder = Directory.CreateDirectory(Path.Combine(folder, "charts")).FullName;
        foreach (var (id, svg) in charts)
        {
            File.WriteAllText(Path.Combine(chartFolder, id + ".svg"), svg);
        }
        var markdown = Path.GetFullPath(Path.Combine(folder, name + ".md"));
        var html = Path.GetFullPath(Path.Combine(folder, name + ".html"));
        File.WriteAllText(markdown, MarkdownReport.Render(title, introduction, tables, charts.Select(c => (c.Id, $"charts/{c.Id}.svg"))));
        File.WriteAllText(html, HtmlReport.Render(title, charts, tables));
        return (markdown, html, [.. charts.Select(c => c.Id)]);
    }
}

using System.CommandLine;
using Spectre.Console;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Reports;
using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Cli;

internal static class ReportCommand
{
    public static Command Create(CliContext cli)
    {
        var runArgument = new Argument<string>("run") { Description = "Run id (under --out) or run folder" };
        var outDir = new Option<string>("--out") { Description = "Folder of runs", DefaultValueFactory = _ => "runs" };
        var command = new Command("report", "Markdown, self-contained HTML with SVG charts, and CSV of a run (written into the run's folder)");
        command.Arguments.Add(runArgument);
        command.Options.Add(outDir);
        command.SetAction((parse, cancellationToken) => new CommandRun(cli, "report").ExecuteAsync((_, _) =>
        {
            using var store = RunStore.Open(parse.GetValue(runArgument)!, parse.GetValue(outDir));
            var data = ReportData.From(store);
            var files = Write(store, data);
            cli.Out.MarkupLine($"report: [bold]{Markup.Escape(files[1])}[/]");
            var summary = new JsonObject { ["run_id"] = store.RunId, ["report"] = files[0], ["html"] = files[1], ["csv"] = new JsonArray([.. files.Skip(2).Select(f => (JsonNode)f)]) };
            summary["charts"] = new JsonArray([.. ReportCharts.All(data).Select(c => (JsonNode)c.Id)]);
            return Task.FromResult(summary);
        }, cancellationToken));
        return command;
    }

    /// <returns>report.md, report.html, then the CSV files.</returns>
    public static IReadOnlyList<string> Write(RunStore store, ReportData data)
    {
        var markdown = Path.Combine(store.Directory, "report.md");
        var html = Path.Combine(store.Directory, "report.html");
        File.WriteAllText(markdown, MarkdownReport.Render(data));
        File.WriteAllText(html, HtmlReport.Render($"EdgeAspire run {data.RunId}", ReportCharts.All(data), MarkdownReport.Tables(data)));
        return [markdown, html, .. CsvExport.Write(store, store.Directory)];
    }
}

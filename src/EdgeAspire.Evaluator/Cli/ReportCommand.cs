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
            var (markdown, html, charts) = ReportFiles.Write(store.Directory, "report", $"EdgeAspire run {data.RunId}",
                $"Command `{data.Run.GetValueOrDefault("command")}`, status {data.Run.GetValueOrDefault("status")}, started {data.Run.GetValueOrDefault("created_utc")}.",
                data, [.. MarkdownReport.Tables(data)]);
            var csv = CsvExport.Write(store, store.Directory);
            cli.Out.MarkupLine($"report: [bold]{Markup.Escape(html)}[/]");
            var summary = new JsonObject
            {
                ["run_id"] = store.RunId, ["report"] = markdown, ["html"] = html,
                ["csv"] = new JsonArray([.. csv.Select(f => (JsonNode)f)]), ["charts"] = new JsonArray([.. charts.Select(c => (JsonNode)c)]),
            };
            return Task.FromResult(summary);
        }, cancellationToken));
        return command;
    }
}

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
            var files = RunReport.Write(store);
            cli.Out.MarkupLine($"report: [bold]{Markup.Escape(files.Html)}[/]");
            var summary = new JsonObject
            {
                ["run_id"] = store.RunId, ["report"] = files.Markdown, ["html"] = files.Html,
                ["csv"] = new JsonArray([.. files.Csv.Select(f => (JsonNode)f)]), ["charts"] = new JsonArray([.. files.Charts.Select(c => (JsonNode)c)]),
            };
            return Task.FromResult(summary);
        }, cancellationToken));
        return command;
    }
}

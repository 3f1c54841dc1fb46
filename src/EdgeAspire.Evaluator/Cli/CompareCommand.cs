using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Reports;
using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>Runs side by side: each run's per-model rows, labelled "run / model", in one Markdown and HTML file.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext cli)
    {
        var runs = new Argument<string[]>("runs") { Description = "Run ids (under --out) or run folders", Arity = new ArgumentArity(2, 64) };
        var outDir = new Option<string>("--out") { Description = "Folder of runs", DefaultValueFactory = _ => "runs" };
        var output = new Option<string?>("--output") { Description = "Folder for compare.md and compare.html (default: <out>/compare-<time>)" };
        var command = new Command("compare", "Put runs side by side");
        command.Arguments.Add(runs);
        command.Options.Add(outDir);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => new CommandRun(cli, "compare").ExecuteAsync((_, _) =>
        {
            var data = new List<ReportData>();
            foreach (var run in parse.GetValue(runs)!)
            {
                using var store = RunStore.Open(run, parse.GetValue(outDir));
                data.Add(ReportData.From(store));
            }
            // Prefix every model with its run so the per-model views become per-run-and-model.
            var merged = new ReportData("compare", new Dictionary<string, string> { ["command"] = "compare" }, new Dictionary<string, string>(),
                [.. data.SelectMany(d => d.Environment.Select(e => (e.Scope.StartsWith("model:", StringComparison.Ordinal) ? $"model:{d.RunId} / {e.Scope[6..]}" : $"{d.RunId} {e.Scope}", e.Key, e.Value)))],
                [.. data.SelectMany(d => d.Conversations.Select(c => c with { Model = $"{d.RunId} / {c.Model}" }))],
                [.. data.SelectMany(d => d.ChatRows.Select(r => r with { Model = $"{d.RunId} / {r.Model}" }))],
                [.. data.SelectMany(d => d.Winogrande.Select(w => (w.Summary with { Model = $"{d.RunId} / {w.Summary.Model}" }, w.Scoring)))],
                [.. data.SelectMany(d => d.Load.Select(l => l with { Model = $"{d.RunId} / {l.Model}" }))]);
            var folder = parse.GetValue(output) ?? Path.Combine(parse.GetValue(outDir)!, $"compare-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
            Directory.CreateDirectory(folder);
            var title = "EdgeAspire comparison: " + string.Join(", ", data.Select(d => d.RunId));
            var tables = MarkdownReport.Tables(merged).Where(t => t.Title != "Settings").ToList();
            var (markdown, html, _) = ReportFiles.Write(folder, "compare", title, null, merged, tables);
            cli.Out.MarkupLine($"comparison: [bold]{Markup.Escape(html)}[/]");
            return Task.FromResult(new JsonObject
            {
                ["runs"] = new JsonArray([.. data.Select(d => (JsonNode)d.RunId)]),
                ["n"] = data.Count,
                ["report"] = markdown,
                ["html"] = html,
            });
        }, cancellationToken));
        return command;
    }
}

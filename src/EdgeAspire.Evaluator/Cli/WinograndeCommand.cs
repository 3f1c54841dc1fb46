using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Evaluator.Scoring;
using EdgeAspire.Evaluator.Workloads;
using Spectre.Console;

namespace EdgeAspire.Evaluator.Cli;

internal static class WinograndeCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var scoring = new Option<string>("--scoring") { Description = "lm-eval (partial scoring, default) or llama-perplexity", DefaultValueFactory = _ => "lm-eval" };
        scoring.AcceptOnlyFromAmong("lm-eval", "llama-perplexity");
        var command = new Command("winogrande", "WinoGrande dev-set accuracy with a 95 % Wilson interval");
        common.AddTo(command);
        command.Options.Add(scoring);
        command.SetAction((parse, cancellationToken) => new CommandRun(cli, "winogrande").ExecuteAsync(async (run, ct) =>
        {
            var settings = CommandSettings.Read(parse, common);
            var method = parse.GetValue(scoring) == "llama-perplexity" ? WinograndeScoring.LlamaPerplexity : WinograndeScoring.LmEval;
            var items = await LoadAsync(settings, ct).ConfigureAwait(false);
            await using var backend = await settings.Models[0].OpenAsync(settings, ct).ConfigureAwait(false);
            var recorded = settings.Recorded();
            recorded["scoring"] = WinograndeWorkload.Name(method);
            var store = run.Open(settings, recorded);
            store.SetEnvironment("model:" + backend.Model, await backend.DescribeAsync(ct).ConfigureAwait(false));
            var summary = await SpectreProgress.RunAsync(cli.Error, p => WinograndeWorkload.RunAsync(backend, store, items, method, p, ct)).ConfigureAwait(false);
            Show(cli, [summary], WinograndeWorkload.Name(method));
            return Json(summary, WinograndeWorkload.Name(method));
        }, cancellationToken));
        return command;
    }

    public static async Task<IReadOnlyList<WinograndeItem>> LoadAsync(CommandSettings settings, CancellationToken cancellationToken)
    {
        var items = WinograndeDataset.Load(await DatasetResolver.ResolveAsync(settings, HubDataset.Winogrande, cancellationToken).ConfigureAwait(false));
        return settings.Limit is { } limit ? [.. items.Take(limit)] : items;
    }

    public static JsonObject Json(WinograndeSummary s, string scoring) => new()
    {
        ["model"] = s.Model,
        ["scoring"] = scoring,
        ["n"] = s.N,
        ["correct"] = s.Correct,
        ["accuracy"] = Math.Round(s.Accuracy, 6),
        ["ci95"] = new JsonArray(Math.Round(s.Low, 6), Math.Round(s.High, 6)),
    };

    public static void Show(CliContext cli, IEnumerable<WinograndeSummary> summaries, string scoring)
    {
        var table = new Table().AddColumns("model", "scoring", "n", "correct", "accuracy", "95 % CI");
        foreach (var s in summaries)
        {
            table.AddRow(Markup.Escape(s.Model), scoring, s.N.ToString(CultureInfo.InvariantCulture), s.Correct.ToString(CultureInfo.InvariantCulture),
                s.Accuracy.ToString("P2", CultureInfo.InvariantCulture), $"{s.Low.ToString("P1", CultureInfo.InvariantCulture)} – {s.High.ToString("P1", CultureInfo.InvariantCulture)}");
        }
        cli.Out.Write(table);
    }
}

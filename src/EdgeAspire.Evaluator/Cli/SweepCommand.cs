using System.CommandLine;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Evaluator.Scoring;
using EdgeAspire.Evaluator.Workloads;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>Several models in one run, one row per model as in the paper's table: the conversations workload for
/// each, and WinoGrande too when <c>--winogrande</c> names a dataset.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var options = new ConversationsCommand.Options();
        var winogrande = new Option<string?>("--winogrande") { Description = "Also score WinoGrande from this .jsonl/.zip, or 'hub'" };
        var winograndeLimit = new Option<int?>("--winogrande-limit") { Description = "Use only the first N WinoGrande items" };
        var scoring = new Option<string>("--scoring") { Description = "lm-eval or llama-perplexity", DefaultValueFactory = _ => "lm-eval" };
        scoring.AcceptOnlyFromAmong("lm-eval", "llama-perplexity");
        var command = new Command("sweep", "Several models (repeat --model or --model-file) in one run, one row per model");
        common.AddTo(command);
        options.AddTo(command);
        command.Options.Add(winogrande);
        command.Options.Add(winograndeLimit);
        command.Options.Add(scoring);
        command.SetAction((parse, cancellationToken) => new CommandRun(cli, "sweep").ExecuteAsync(async (run, ct) =>
        {
            var settings = CommandSettings.Read(parse, common, allowMany: true);
            var threads = await options.ThreadsAsync(parse, settings, cli.Error, ct).ConfigureAwait(false);
            var method = parse.GetValue(scoring) == "llama-perplexity" ? WinograndeScoring.LlamaPerplexity : WinograndeScoring.LmEval;
            IReadOnlyList<WinograndeItem>? items = null;
            if (parse.GetValue(winogrande) is { } source)
            {
                items = await WinograndeCommand.LoadAsync(settings with { Dataset = source, DatasetUrl = null, Limit = parse.GetValue(winograndeLimit) }, ct).ConfigureAwait(false);
            }
            var recorded = settings.Recorded();
            options.Record(parse, recorded);
            recorded["winogrande"] = parse.GetValue(winogrande) ?? "none";
            recorded["winogrande_limit"] = parse.GetValue(winograndeLimit)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all";
            recorded["scoring"] = WinograndeWorkload.Name(method);
            var store = run.Open(settings, recorded);
            var rows = new JsonArray();
            var chats = new List<ConversationSummary>();
            var scores = new List<WinograndeSummary>();
            foreach (var target in settings.Models)
            {
                await using var backend = await target.OpenAsync(settings, ct).ConfigureAwait(false);
                store.SetEnvironment("model:" + backend.Model, await backend.DescribeAsync(ct).ConfigureAwait(false));
                var chat = await SpectreProgress.RunAsync(cli.Error, p => ConversationsWorkload.RunAsync(
                    backend, store, threads, options.HistoryMode(parse), parse.GetValue(options.MaxTokens), settings.Seed, p, ct)).ConfigureAwait(false);
                chats.Add(chat);
                var row = ConversationsCommand.Json(chat);
                if (items is not null)
                {
                    var score = await SpectreProgress.RunAsync(cli.Error, p => WinograndeWorkload.RunAsync(backend, store, items, method, p, ct)).ConfigureAwait(false);
                    scores.Add(score);
                    row["winogrande"] = WinograndeCommand.Json(score, WinograndeWorkload.Name(method));
                }
                rows.Add(row);
            }
            ConversationsCommand.Show(cli, chats);
            if (scores.Count > 0)
            {
                WinograndeCommand.Show(cli, scores, WinograndeWorkload.Name(method));
            }
            return new JsonObject { ["n"] = settings.Models.Count, ["models"] = rows };
        }, cancellationToken));
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Evaluator.Workloads;
using Spectre.Console;

namespace EdgeAspire.Evaluator.Cli;

internal static class ConversationsCommand
{
    /// <summary>The conversation workload's own options (shared with sweep).</summary>
    internal sealed class Options
    {
        public Option<int> Conversations { get; } = new("--conversations") { Description = "Threads to run, picked by --seed", DefaultValueFactory = _ => 50 };

        public Option<int> MinTurns { get; } = new("--min-turns") { Description = "Shortest thread (messages)", DefaultValueFactory = _ => OasstDataset.DefaultMinMessages };

        public Option<string> History { get; } = new("--history") { Description = "dataset (same prompts for every model) or model (its own replies)", DefaultValueFactory = _ => "dataset" };

        public Option<int> MaxTokens { get; } = new("--max-tokens") { Description = "Most tokens generated per request", DefaultValueFactory = _ => 500 };

        public Options() => History.AcceptOnlyFromAmong("dataset", "model");

        public void AddTo(Command command)
        {
            command.Options.Add(Conversations);
            command.Options.Add(MinTurns);
            command.Options.Add(History);
            command.Options.Add(MaxTokens);
        }

        public void Record(ParseResult parse, Dictionary<string, string> recorded)
        {
            recorded["conversations"] = parse.GetValue(Conversations).ToString(CultureInfo.InvariantCulture);
            recorded["min_turns"] = parse.GetValue(MinTurns).ToString(CultureInfo.InvariantCulture);
            recorded["history"] = parse.GetValue(History)!;
            recorded["max_tokens"] = parse.GetValue(MaxTokens).ToString(CultureInfo.InvariantCulture);
        }

        public HistoryMode HistoryMode(ParseResult parse) => parse.GetValue(History) == "model" ? Workloads.HistoryMode.Model : Workloads.HistoryMode.Dataset;

        public async Task<IReadOnlyList<ConversationThread>> ThreadsAsync(ParseResult parse, CommandSettings settings, IAnsiConsole notes, CancellationToken cancellationToken)
        {
            var path = await DatasetResolver.ResolveAsync(settings, HubDataset.Oasst, cancellationToken).ConfigureAwait(false);
            var threads = OasstDataset.LoadThreads(path, parse.GetValue(MinTurns));
            if (threads.Count == 0)
            {
                throw new DatasetException($"{Path.GetFileName(path)} has no thread of {parse.GetValue(MinTurns)} or more usable messages");
            }
            var wanted = Math.Min(parse.GetValue(Conversations), settings.Limit ?? int.MaxValue);
            if (wanted < 1)
            {
                throw new UsageException("--conversations must be at least 1");
            }
            if (threads.Count < wanted)
            {
                // A small or sampled dataset: say so rather than report fewer conversations than asked without a word.
                notes.MarkupLineInterpolated($"note: {Path.GetFileName(path)} has {threads.Count} threads of {parse.GetValue(MinTurns)} or more usable messages; running all of them ({wanted} asked)");
            }
            return DeterministicSample.Take(threads.OrderBy(t => t.TreeId, StringComparer.Ordinal).ToList(), wanted, settings.Seed);
        }
    }

    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var options = new Options();
        var command = new Command("conversations", "Multi-turn OpenAssistant conversations: throughput, latency, CPU and memory per request");
        common.AddTo(command);
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => new CommandRun(cli, "conversations").ExecuteAsync(async (run, ct) =>
        {
            var settings = CommandSettings.Read(parse, common);
            var threads = await options.ThreadsAsync(parse, settings, cli.Error, ct).ConfigureAwait(false);
            await using var backend = await settings.Models[0].OpenAsync(settings, ct).ConfigureAwait(false);
            var recorded = settings.Recorded();
            options.Record(parse, recorded);
            var store = run.Open(settings, recorded);
            store.SetEnvironment("model:" + backend.Model, await backend.DescribeAsync(ct).ConfigureAwait(false));
            var summary = await SpectreProgress.RunAsync(cli.Error, p => ConversationsWorkload.RunAsync(
                backend, store, threads, options.HistoryMode(parse), parse.GetValue(options.MaxTokens), settings.Seed, p, ct)).ConfigureAwait(false);
            Show(cli, [summary]);
            return Json(summary);
        }, cancellationToken));
        return command;
    }

    public static JsonObject Json(ConversationSummary s) => new()
    {
        ["model"] = s.Model,
        ["n"] = s.Requests,
        ["refused"] = s.Refused,
        ["conversations"] = s.Conversations,
        ["prefill_tps"] = Round(s.PrefillTps),
        ["decode_tps"] = Round(s.DecodeTps),
        ["prefill_cv"] = Round(s.PrefillCv, 4),
        ["decode_cv"] = Round(s.DecodeCv, 4),
        ["latency_ms_mean"] = Round(s.MeanLatencyMs),
        ["latency_ms_p50"] = Round(s.MedianLatencyMs),
        ["latency_ms_p95"] = Round(s.P95LatencyMs),
        ["ttft_ms_mean"] = Round(s.MeanTtftMs),
        ["cpu_percent_mean"] = Round(s.MeanCpuPercent),
        ["peak_rss_bytes"] = s.PeakRssBytes,
    };

    public static void Show(CliContext cli, IEnumerable<ConversationSummary> summaries)
    {
        var table = new Table().AddColumns("model", "requests", "prefill tok/s", "decode tok/s", "CV prefill/decode", "latency p50/p95 (ms)", "TTFT (ms)", "CPU %", "peak RSS (MiB)");
        foreach (var s in summaries)
        {
            table.AddRow(Markup.Escape(s.Model), s.Requests.ToString(CultureInfo.InvariantCulture), F(s.PrefillTps), F(s.DecodeTps), $"{F(s.PrefillCv, "0.00")} / {F(s.DecodeCv, "0.00")}",
                $"{F(s.MedianLatencyMs, "0")} / {F(s.P95LatencyMs, "0")}", F(s.MeanTtftMs, "0"), F(s.MeanCpuPercent, "0"), F(s.PeakRssBytes / 1048576.0, "0"));
        }
        cli.Out.Write(table);
    }

    internal static string F(double? value, string format = "0.0") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    internal static double? Round(double? value, int digits = 3) => value is { } v && double.IsFinite(v) ? Math.Round(v, digits) : null;
}

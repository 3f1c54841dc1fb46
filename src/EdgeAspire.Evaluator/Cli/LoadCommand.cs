using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Evaluator.Workloads;
using Spectre.Console;

namespace EdgeAspire.Evaluator.Cli;

internal static class LoadCommand
{
    private const string DefaultPrompt = "Explain in a few sentences how a Raspberry Pi can run a language model without a GPU.";

    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var concurrency = new Option<string>("--concurrency") { Description = "Closed-loop client counts, comma-separated ('' for none)", DefaultValueFactory = _ => "1,2,4,8" };
        var rates = new Option<string>("--rates") { Description = "Open-loop Poisson arrival rates in requests/s, comma-separated", DefaultValueFactory = _ => "" };
        var requests = new Option<int>("--requests") { Description = "Most requests per phase", DefaultValueFactory = _ => 16 };
        var duration = new Option<double>("--duration") { Description = "Most seconds per phase (requests in flight finish)", DefaultValueFactory = _ => 120 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens per request", DefaultValueFactory = _ => 64 };
        var ignoreEos = new Option<bool>("--ignore-eos") { Description = "Send ignore_eos so every request generates --max-tokens (synthetic models)" };
        var command = new Command("load", "Closed-loop concurrency sweep and open-loop Poisson arrivals: throughput, latency percentiles, TTFT, errors, 429s");
        common.AddTo(command);
        command.Options.Add(concurrency);
        command.Options.Add(rates);
        command.Options.Add(requests);
        command.Options.Add(duration);
        command.Options.Add(maxTokens);
        command.Options.Add(ignoreEos);
        command.SetAction((parse, cancellationToken) => new CommandRun(cli, "load").ExecuteAsync(async (run, ct) =>
        {
            var settings = CommandSettings.Read(parse, common) with { IgnoreEos = parse.GetValue(ignoreEos) };
            List<LoadPhase> phases = [.. Levels(parse.GetValue(concurrency)!, "--concurrency").Select(c => new LoadPhase("closed", Math.Floor(c))),
                .. Levels(parse.GetValue(rates)!, "--rates").Select(r => new LoadPhase("open", r))];
            if (phases.Count == 0)
            {
                throw new UsageException("give --concurrency and/or --rates");
            }
            var prompts = await PromptsAsync(parse, common, settings, ct).ConfigureAwait(false);
            await using var backend = await settings.Models[0].OpenAsync(settings, ct).ConfigureAwait(false);
            var recorded = settings.Recorded();
            recorded["phases"] = string.Join(",", phases.Select(p => p.Name));
            recorded["requests"] = parse.GetValue(requests).ToString(CultureInfo.InvariantCulture);
            recorded["duration_s"] = parse.GetValue(duration).ToString(CultureInfo.InvariantCulture);
            recorded["max_tokens"] = parse.GetValue(maxTokens).ToString(CultureInfo.InvariantCulture);
            recorded["ignore_eos"] = settings.IgnoreEos ? "true" : "false";
            var store = run.Open(settings, recorded);
            store.SetEnvironment("model:" + backend.Model, await backend.DescribeAsync(ct).ConfigureAwait(false));
            var summaries = await SpectreProgress.RunAsync(cli.Error, p => LoadWorkload.RunAsync(backend, store, phases, prompts, parse.GetValue(requests),
                TimeSpan.FromSeconds(parse.GetValue(duration)), parse.GetValue(maxTokens), settings.Seed, p, ct)).ConfigureAwait(false);
            Show(cli, summaries);
            var best = summaries.MaxBy(s => s.TokensPerSecond);
            return new JsonObject
            {
                ["model"] = backend.Model,
                ["n"] = summaries.Sum(s => s.Requests),
                ["errors"] = summaries.Sum(s => s.Errors),
                ["refused_429"] = summaries.Sum(s => s.Refused),
                ["peak_tokens_per_second"] = ConversationsCommand.Round(best?.TokensPerSecond),
                ["peak_phase"] = best?.Phase,
                ["phases"] = new JsonArray([.. summaries.Select(s => (JsonNode)new JsonObject
                {
                    ["phase"] = s.Phase, ["n"] = s.Requests, ["rps"] = ConversationsCommand.Round(s.RequestsPerSecond), ["tps"] = ConversationsCommand.Round(s.TokensPerSecond),
                    ["p50_ms"] = ConversationsCommand.Round(s.P50Ms), ["p90_ms"] = ConversationsCommand.Round(s.P90Ms), ["p99_ms"] = ConversationsCommand.Round(s.P99Ms),
                    ["errors"] = s.Errors, ["refused_429"] = s.Refused,
                })]),
            };
        }, cancellationToken));
        return command;
    }

    /// <summary>First user messages of OpenAssistant threads when a dataset is given explicitly; else one fixed prompt.</summary>
    private static async Task<IReadOnlyList<string>> PromptsAsync(ParseResult parse, CommonOptions common, CommandSettings settings, CancellationToken cancellationToken)
    {
        if (parse.GetResult(common.Dataset) is null || parse.GetResult(common.Dataset)!.Implicit)
        {
            return [DefaultPrompt];
        }
        var path = await DatasetResolver.ResolveAsync(settings, HubDataset.Oasst, cancellationToken).ConfigureAwait(false);
        var threads = OasstDataset.LoadThreads(path, minMessages: 1);
        var prompts = DeterministicSample.Take(threads.OrderBy(t => t.TreeId, StringComparer.Ordinal).ToList(), settings.Limit ?? threads.Count, settings.Seed)
            .Select(t => t.Messages[0].Text).ToList();
        return prompts.Count > 0 ? prompts : throw new DatasetException($"{Path.GetFileName(path)} has no usable prompts");
    }

    internal static IReadOnlyList<double> Levels(string text, string option)
    {
        var levels = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || !double.IsFinite(value))
            {
                throw new UsageException($"{option}: '{part}' is not a positive number");
            }
            levels.Add(value);
        }
        return levels;
    }

    public static void Show(CliContext cli, IEnumerable<LoadSummary> summaries)
    {
        var table = new Table().AddColumns("phase", "requests", "ok", "errors", "429", "req/s", "tok/s", "p50 ms", "p90 ms", "p99 ms", "TTFT ms");
        foreach (var s in summaries)
        {
            table.AddRow(s.Phase, I(s.Requests), I(s.Ok), I(s.Errors), I(s.Refused), ConversationsCommand.F(s.RequestsPerSecond, "0.00"), ConversationsCommand.F(s.TokensPerSecond),
                ConversationsCommand.F(s.P50Ms, "0"), ConversationsCommand.F(s.P90Ms, "0"), ConversationsCommand.F(s.P99Ms, "0"), ConversationsCommand.F(s.MeanTtftMs, "0"));
        }
        cli.Out.Write(table);
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    }
}

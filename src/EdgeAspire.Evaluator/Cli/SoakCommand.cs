using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Soak;

namespace EdgeAspire.Evaluator.Cli;

/// <summary><c>soak</c>: hours of mixed load against any OpenAI-compatible server, sampling its memory every
/// interval; the report says whether memory stayed flat and whether every answer was whole.</summary>
internal static class SoakCommand
{
    public static Command Create(CliContext cli)
    {
        var endpoint = new Option<string>("--endpoint") { Description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1", Required = true };
        var models = new Option<string>("--models") { Description = "Model ids, comma-separated; each request picks one (two that do not fit together make the server swap)", Required = true };
        var duration = new Option<string>("--duration") { Description = "How long to send requests: 90s, 30m, 1h", DefaultValueFactory = _ => "60m" };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients", DefaultValueFactory = _ => 6 };
        var interval = new Option<string>("--interval") { Description = "Time between server samples", DefaultValueFactory = _ => "1m" };
        var baseline = new Option<string>("--baseline") { Description = "RSS growth is measured from the sample at this time (after warm-up)", DefaultValueFactory = _ => "10m" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens a reply (each request picks 1..this)", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seed of the request mix", DefaultValueFactory = _ => 42 };
        var pid = new Option<int?>("--pid") { Description = "The server's process id when it runs here: RSS, CPU, threads and open files from /proc (else from /metrics)" };
        var metricsUrl = new Option<string?>("--metrics-url") { Description = "Prometheus text of the server (default: <endpoint host>/metrics)" };
        var apiKey = new Option<string?>("--api-key") { Description = "Bearer key for the endpoint (default: $OPENAI_API_KEY)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds one request may take before it counts as lost", DefaultValueFactory = _ => 300 };
        var maxGrowth = new Option<double?>("--max-rss-growth") { Description = "Fail when RSS grows more than this many percent from the baseline to the end" };
        var output = new Option<string>("--out") { Description = "Folder of runs (the report goes into soak-<time>/ under it)", DefaultValueFactory = _ => "runs" };
        var command = new Command("soak", "Hours of mixed chat, streams, scoring, conversations, cut streams and invalid requests against a server: RSS, CPU, threads, managed heap and native objects over time; 5xx, incomplete streams, lost and duplicate answers");
        foreach (var option in new Option[] { endpoint, models, duration, clients, interval, baseline, maxTokens, seed, pid, metricsUrl, apiKey, timeout, maxGrowth, output })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => new CommandRun(cli, "soak").ExecuteAsync(async (_, ct) =>
        {
            var url = Uri.TryCreate(parse.GetValue(endpoint), UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
                ? u : throw new UsageException($"--endpoint must be an http(s) URL, got '{parse.GetValue(endpoint)}'");
            var ids = parse.GetValue(models)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var plan = new SoakPlan(
                url,
                ids.Length > 0 ? ids : throw new UsageException("--models needs at least one model id"),
                Duration(parse.GetValue(duration)!, "--duration"),
                parse.GetValue(clients) is var n and >= 1 and <= 1024 ? n : throw new UsageException($"--clients must be 1..1024, got {parse.GetValue(clients)}"),
                Duration(parse.GetValue(interval)!, "--interval"),
                Duration(parse.GetValue(baseline)!, "--baseline", allowZero: true),
                parse.GetValue(maxTokens) is var t and >= 1 ? t : throw new UsageException($"--max-tokens must be at least 1, got {parse.GetValue(maxTokens)}"),
                parse.GetValue(seed),
                parse.GetValue(pid) is { } p ? (Directory.Exists($"/proc/{p}") ? p : throw new UsageException($"--pid {p}: no such process")) : null,
                parse.GetValue(metricsUrl) is { } m ? new Uri(m) : new Uri(new Uri(url.GetLeftPart(UriPartial.Authority)), "/metrics"),
                parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
                TimeSpan.FromSeconds(parse.GetValue(timeout) is var s and >= 1 ? s : throw new UsageException($"--timeout must be at least 1 second, got {parse.GetValue(timeout)}")));
            var result = await SoakRun.RunAsync(plan, (sample, tally) => cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak {sample.At.TotalMinutes:0.0} min: RSS {sample.RssBytes / 1048576.0:0.0} MiB, threads {sample.Threads}, managed heap {sample.GcHeapBytes / 1048576.0:0.0} MiB, requests {tally.Requests()}, problems {tally.ProblemCount}")), ct).ConfigureAwait(false);
            var folder = Path.Combine(parse.GetValue(output)!, "soak-" + result.Started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var (markdown, chart) = SoakReport.Write(result, folder);
            cli.Output.WriteLine($"report: {markdown}");
            var tally = result.Tally;
            var growth = result.RssGrowthPercent;
            if (tally.ProblemCount > 0 || (parse.GetValue(maxGrowth) is { } limit && growth > limit))
            {
                throw new SoakFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"soak found {tally.ProblemCount} problems and RSS growth {growth:0.0} %; report: {markdown}"));
            }
            return new JsonObject
            {
                ["requests"] = tally.Requests(),
                ["problems"] = tally.ProblemCount,
                ["server_errors"] = tally.Count(SoakOutcome.ServerError),
                ["incomplete_streams"] = tally.Count(SoakOutcome.Incomplete),
                ["lost"] = tally.Count(SoakOutcome.Lost),
                ["duplicates"] = tally.Count(SoakOutcome.Duplicate),
                ["rss_growth_percent"] = growth is { } g ? Math.Round(g, 2) : null,
                ["samples"] = result.Samples.Count,
                ["soak_report"] = markdown,
                ["chart"] = chart,
            };
        }, cancellationToken));
        return command;
    }

    /// <summary>"90s", "30m", "1h", or plain seconds.</summary>
    internal static TimeSpan Duration(string text, string option, bool allowZero = false)
    {
        var unit = text.Length > 0 && char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsLetter(text.Length > 0 ? text[^1] : '0') ? text[..^1] : text;
        var seconds = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        if (seconds == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0 || (value == 0 && !allowZero))
        {
            throw new UsageException($"{option}: '{text}' is not a duration like 90s, 30m or 1h");
        }
        return TimeSpan.FromSeconds(value * seconds);
    }
}

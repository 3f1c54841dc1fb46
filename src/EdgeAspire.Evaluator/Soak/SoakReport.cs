using System.Globalization;
using System.Text;
using EdgeAspire.Evaluator.Reports;

namespace EdgeAspire.Evaluator.Soak;

/// <summary>Writes a soak's <c>soak.md</c> (verdict, outcomes by kind, the server per sample, first errors) and
/// <c>rss.svg</c> (resident memory over time) into a folder.</summary>
public static class SoakReport
{
    public const string MarkdownFile = "soak.md", ChartFile = "rss.svg";

    public static (string Markdown, string Chart) Write(SoakResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var chart = Path.Combine(folder, ChartFile);
        File.WriteAllText(chart, Chart(result));
        var markdown = Path.Combine(folder, MarkdownFile);
        File.WriteAllText(markdown, Markdown(result));
        return (markdown, chart);
    }

    public static string Chart(SoakResult result)
    {
        var points = result.Samples.Where(s => s.RssBytes is not null).Select(s => (s.At.TotalMinutes, s.RssBytes!.Value / 1048576.0)).ToList();
        List<Series> series = [new("RSS (MiB)", points, Connect: true)];
        var heap = result.Samples.Where(s => s.GcHeapBytes is not null).Select(s => (s.At.TotalMinutes, s.GcHeapBytes!.Value / 1048576.0)).ToList();
        if (heap.Count > 0)
        {
            series.Add(new Series("managed heap (MiB)", heap, Connect: true));
        }
        return SvgChart.Scatter("soak-rss", $"Resident memory, {result.Plan.Endpoint.Authority}", "minutes", "MiB", series);
    }

    public static string Markdown(SoakResult result)
    {
        var plan = result.Plan;
        var tally = result.Tally;
        var md = new StringBuilder();
        md.AppendLine(I($"# Soak of {plan.Endpoint}"));
        md.AppendLine();
        md.AppendLine(I($"Started {result.Started:yyyy-MM-dd HH:mm:ss} UTC, {result.Elapsed.TotalMinutes:0.0} min, {plan.Clients} clients, models {string.Join(", ", plan.Models)}, up to {plan.MaxTokens} tokens a reply, seed {plan.Seed}; server figures from {(plan.Pid is { } pid ? $"/proc/{pid}" : plan.MetricsUrl.ToString())} and {plan.MetricsUrl}."));
        md.AppendLine();
        md.AppendLine("## Verdict");
        md.AppendLine();
        var baseline = result.BaselineSample;
        md.AppendLine(result.RssGrowthPercent is { } growth && baseline is not null
            ? I($"- RSS growth from minute {baseline.At.TotalMinutes:0.#} to the end: **{growth:+0.0;-0.0} %** ({Mib(baseline.RssBytes)} → {Mib(result.Samples.Last(s => s.RssBytes is not null).RssBytes)} MiB)")
            : "- RSS: not available (give --pid for a local server, or a server that exports process memory)");
        md.AppendLine(I($"- Requests: {tally.Requests()}; problems: **{tally.ProblemCount}** (5xx {tally.Count(SoakOutcome.ServerError)}, incomplete streams {tally.Count(SoakOutcome.Incomplete)}, lost {tally.Count(SoakOutcome.Lost)}, duplicates {tally.Count(SoakOutcome.Duplicate)}, valid requests refused {tally.Count(SoakOutcome.Rejected)}, invalid requests accepted {tally.Count(SoakOutcome.InvalidAccepted)}, transport errors {tally.Count(SoakOutcome.Transport)})"));
        md.AppendLine();
        md.AppendLine("## Requests by kind");
        md.AppendLine();
        var outcomes = Enum.GetValues<SoakOutcome>();
        md.AppendLine("| kind | requests | " + string.Join(" | ", outcomes) + " |");
        md.AppendLine("|---|---:|" + string.Concat(outcomes.Select(_ => "---:|")));
        foreach (var kind in Enum.GetValues<SoakRequestKind>())
        {
            md.AppendLine(I($"| {kind} | {tally.Requests(kind)} | ") + string.Join(" | ", outcomes.Select(o => tally.Count(kind, o).ToString(CultureInfo.InvariantCulture))) + " |");
        }
        md.AppendLine();
        md.AppendLine("## The server over time");
        md.AppendLine();
        var kinds = result.Samples.SelectMany(s => s.NativeObjects.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        md.AppendLine("| minute | RSS MiB | CPU % | threads | open files | managed heap MiB |" + string.Concat(kinds.Select(k => $" native {k} |")));
        md.AppendLine("|---:|---:|---:|---:|---:|---:|" + string.Concat(kinds.Select(_ => "---:|")));
        ServerSample? previous = null;
        foreach (var s in result.Samples)
        {
            var cpu = previous?.CpuSeconds is { } before && s.CpuSeconds is { } now && s.At > previous.At
                ? ((now - before) * 100 / (s.At - previous.At).TotalSeconds).ToString("0", CultureInfo.InvariantCulture) : "–";
            md.AppendLine(I($"| {s.At.TotalMinutes:0.0} | {Mib(s.RssBytes)} | {cpu} | {Text(s.Threads)} | {Text(s.OpenFiles)} | {Mib(s.GcHeapBytes)} |")
                + string.Concat(kinds.Select(k => $" {(s.NativeObjects.TryGetValue(k, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "–")} |")));
            previous = s;
        }
        md.AppendLine();
        md.AppendLine(I($"![resident memory over time]({ChartFile})"));
        if (tally.Errors.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## First problems");
            md.AppendLine();
            foreach (var error in tally.Errors)
            {
                md.AppendLine("- " + error.Replace("\0", "\\0", StringComparison.Ordinal));
            }
        }
        return md.ToString();
    }

    private static string Mib(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

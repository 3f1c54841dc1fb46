using System.Globalization;
using System.Text;
using EdgeAspire.Evaluator.Workloads;

namespace EdgeAspire.Evaluator.Reports;

/// <summary>The report as Markdown tables; <see cref="HtmlReport"/> embeds the same tables next to the charts.</summary>
public static class MarkdownReport
{
    /// <param name="chartFiles">Chart id and its SVG file relative to the report, linked as images so the Markdown
    /// renders with the same charts as the HTML.</param>
    public static string Render(string title, string? introduction, IEnumerable<TableData> tables, IEnumerable<(string Id, string File)> chartFiles)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();
        if (introduction is not null)
        {
            md.AppendLine(introduction).AppendLine();
        }
        foreach (var (id, file) in chartFiles)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"![{id}]({file})").AppendLine();
        }
        foreach (var table in tables)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {table.Title}").AppendLine();
            md.AppendLine("| " + string.Join(" | ", table.Header) + " |");
            md.AppendLine("|" + string.Concat(table.Header.Select(_ => "---|")));
            foreach (var row in table.Rows)
            {
                md.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    public sealed record TableData(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

    public static IEnumerable<TableData> Tables(ReportData data)
    {
        if (data.Conversations.Count > 0)
        {
            yield return new TableData("Conversations (per model)",
                ["model", "requests", "refused", "prefill tok/s", "decode tok/s", "CV prefill", "CV decode", "latency mean ms", "latency p50 ms", "latency p95 ms", "TTFT mean ms", "CPU %", "peak RSS MiB", "mean prompt tokens"],
                [.. data.Conversations.Select(c => (IReadOnlyList<string>)[data.Label(c.Model), I(c.Requests), I(c.Refused), F(c.PrefillTps), F(c.DecodeTps), F(c.PrefillCv, "0.000"), F(c.DecodeCv, "0.000"),
                    F(c.MeanLatencyMs), F(c.MedianLatencyMs), F(c.P95LatencyMs), F(c.MeanTtftMs), F(c.MeanCpuPercent), F(c.PeakRssBytes / 1048576.0), F(c.MeanPromptTokens)])]);
            var served = data.ChatRows.Where(r => r.Error is null && r.Measurement.Worker is not null).GroupBy(r => (r.Model, Worker: r.Measurement.Worker!)).ToList();
            if (served.Count > 0)
            {
                yield return new TableData("Conversations (per serving worker: CPU and memory are the worker's own)",
                    ["model", "worker", "requests", "CPU %", "peak RSS MiB"],
                    [.. served.OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Worker, StringComparer.Ordinal).Select(g => (IReadOnlyList<string>)[data.Label(g.Key.Model), g.Key.Worker, I(g.Count()),
                        F(Stats.MeanOrNull([.. g.Select(r => r.Measurement.Resources.CpuPercent).OfType<double>()])), F(g.Max(r => r.Measurement.Resources.PeakRssBytes) / 1048576.0)])]);
            }
            var refused = data.ChatRows.Where(r => r.Error is not null).GroupBy(r => (r.Model, Reason: r.Error!)).ToList();
            if (refused.Count > 0)
            {
                yield return new TableData("Refused turns (left out of every figure above)", ["model", "turns", "reason"],
                    [.. refused.OrderBy(g => g.Key.Model, StringComparer.Ordinal).Select(g => (IReadOnlyList<string>)[data.Label(g.Key.Model), I(g.Count()), g.Key.Reason])]);
            }
        }
        if (data.Winogrande.Count > 0)
        {
            yield return new TableData("WinoGrande",
                ["model", "scoring", "n", "correct", "accuracy", "95 % CI low", "95 % CI high"],
                [.. data.Winogrande.Select(w => (IReadOnlyList<string>)[data.Label(w.Summary.Model), w.Scoring, I(w.Summary.N), I(w.Summary.Correct), F(w.Summary.Accuracy, "0.0000"), F(w.Summary.Low, "0.0000"), F(w.Summary.High, "0.0000")])]);
        }
        if (data.Load.Count > 0)
        {
            yield return new TableData("Load",
                ["model", "phase", "requests", "ok", "errors", "429", "req/s", "tok/s", "p50 ms", "p90 ms", "p99 ms", "TTFT mean ms"],
                [.. data.Load.Select(l => (IReadOnlyList<string>)[l.Model, l.Phase, I(l.Requests), I(l.Ok), I(l.Errors), I(l.Refused), F(l.RequestsPerSecond, "0.000"), F(l.TokensPerSecond), F(l.P50Ms), F(l.P90Ms), F(l.P99Ms), F(l.MeanTtftMs)])]);
        }
        if (Pi5ProjectionTable.Of(data) is { } projection)
        {
            yield return projection;
        }
        yield return new TableData("Settings", ["setting", "value"], [.. data.Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (IReadOnlyList<string>)[s.Key, s.Value])]);
        yield return new TableData("Environment", ["scope", "key", "value"], [.. data.Environment.Select(e => (IReadOnlyList<string>)[e.Scope, e.Key, e.Value])]);
    }

    public static string F(double? value, string format = "0.00") => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}

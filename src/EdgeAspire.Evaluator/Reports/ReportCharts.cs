using EdgeAspire.Evaluator.Workloads;

namespace EdgeAspire.Evaluator.Reports;

/// <summary>The paper's views as charts: each is null when the run has no data for it.</summary>
public static class ReportCharts
{
    public static readonly string[] Ids =
        ["prefill-throughput", "decode-throughput", "latency", "memory", "cpu", "throughput-vs-prompt", "prompt-per-turn", "winogrande-accuracy", "load-throughput", "load-latency"];

    public static IEnumerable<(string Id, string Svg)> All(ReportData data)
    {
        var chats = data.Conversations;
        if (chats.Count > 0)
        {
            yield return ("prefill-throughput", SvgChart.Bars("prefill-throughput", "Prefill throughput (mean)", "tokens/s", [.. chats.Select(c => new Bar(data.Label(c.Model), c.PrefillTps ?? 0))]));
            yield return ("decode-throughput", SvgChart.Bars("decode-throughput", "Decode throughput (mean)", "tokens/s", [.. chats.Select(c => new Bar(data.Label(c.Model), c.DecodeTps ?? 0))]));
            yield return ("latency", SvgChart.Bars("latency", "End-to-end latency (mean; whiskers p50–p95)", "ms", [.. chats.Select(c => new Bar(data.Label(c.Model), c.MeanLatencyMs, c.MedianLatencyMs, c.P95LatencyMs))]));
            yield return ("memory", SvgChart.Bars("memory", "Peak resident memory", "MiB", [.. chats.Select(c => new Bar(data.Label(c.Model), (c.PeakRssBytes ?? 0) / 1048576.0))]));
            yield return ("cpu", SvgChart.Bars("cpu", "Server CPU during requests (100 % = one core)", "%", [.. chats.Select(c => new Bar(data.Label(c.Model), c.MeanCpuPercent ?? 0))]));
            var byModel = data.ChatRows.Where(r => r.Error is null).GroupBy(r => r.Model).ToList();
            yield return ("throughput-vs-prompt", SvgChart.Scatter("throughput-vs-prompt", "Decode throughput against prompt length (CV in legend)", "prompt tokens", "decode tokens/s",
                [.. byModel.Select(g => new Series($"{g.Key} CV {Cv(chats, g.Key)}", [.. g.Where(r => r.Measurement.DecodeTokensPerSecond is > 0).Select(r => ((double)r.Measurement.PromptTokens, r.Measurement.DecodeTokensPerSecond!.Value))]))]));
            yield return ("prompt-per-turn", SvgChart.Scatter("prompt-per-turn", "Prompt length per conversation turn (mean)", "turn", "prompt tokens",
                [.. byModel.Select(g => new Series(g.Key, [.. g.GroupBy(r => r.Turn / 2 + 1).OrderBy(t => t.Key).Select(t => ((double)t.Key, t.Average(r => (double)r.Measurement.PromptTokens)))], Connect: true))], integerX: true));
        }
        if (data.Winogrande.Count > 0)
        {
            yield return ("winogrande-accuracy", SvgChart.Bars("winogrande-accuracy", "WinoGrande accuracy (95 % Wilson interval)", "%",
                [.. data.Winogrande.Select(w => new Bar($"{data.Label(w.Summary.Model)} {w.Scoring}", w.Summary.Accuracy * 100, w.Summary.Low * 100, w.Summary.High * 100))]));
        }
        if (data.Load.Count > 0)
        {
            var groups = data.Load.GroupBy(l => (l.Model, l.Mode)).ToList();
            yield return ("load-throughput", SvgChart.Scatter("load-throughput", "Throughput against load (closed: clients; open: requests/s)", "load level", "tokens/s",
                [.. groups.Select(g => new Series($"{g.Key.Model} {g.Key.Mode}", [.. g.Select(l => (l.Level, l.TokensPerSecond))], Connect: true))]));
            yield return ("load-latency", SvgChart.Scatter("load-latency", "Latency p50 against load", "load level", "ms",
                [.. groups.Select(g => new Series($"{g.Key.Model} {g.Key.Mode}", [.. g.Select(l => (l.Level, l.P50Ms))], Connect: true))]));
        }
    }

    private static string Cv(IReadOnlyList<ConversationSummary> chats, string model) =>
        chats.FirstOrDefault(c => c.Model == model)?.DecodeCv is { } cv ? cv.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "–";
}

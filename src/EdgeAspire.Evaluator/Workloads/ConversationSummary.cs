using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Workloads;

/// <summary>Per model: the paper's headline figures over every request of the run.</summary>
public sealed record ConversationSummary(string Model, int Requests, int Refused, int Conversations, double? PrefillTps, double? DecodeTps, double? PrefillCv, double? DecodeCv,
    double MeanLatencyMs, double MedianLatencyMs, double P95LatencyMs, double MeanTtftMs, double? MeanCpuPercent, long? PeakRssBytes, double MeanPromptTokens)
{
    public static ConversationSummary Of(string model, IReadOnlyList<ChatRow> rows)
    {
        var m = rows.Where(r => r.Error is null).Select(r => r.Measurement).ToList();
        var prefill = m.Select(x => x.PrefillTokensPerSecond).OfType<double>().Where(v => v > 0).ToList();
        var decode = m.Select(x => x.DecodeTokensPerSecond).OfType<double>().Where(v => v > 0).ToList();
        var latency = m.Select(x => x.LatencyMs).ToList();
        var cpu = m.Select(x => x.Resources.CpuPercent).OfType<double>().ToList();
        var rss = m.Select(x => x.Resources.PeakRssBytes).OfType<long>().ToList();
        return new ConversationSummary(model, m.Count, rows.Count - m.Count, rows.Select(r => r.ThreadId).Distinct().Count(),
            Stats.MeanOrNull(prefill), Stats.MeanOrNull(decode), Stats.CoefficientOfVariation(prefill), Stats.CoefficientOfVariation(decode),
            Stats.Mean(latency), Stats.Percentile(latency, 50), Stats.Percentile(latency, 95), Stats.Mean(m.Select(x => x.TtftMs).ToList()),
            Stats.MeanOrNull(cpu), rss.Count == 0 ? null : rss.Max(), Stats.Mean(m.Select(x => (double)x.PromptTokens).ToList()));
    }
}

using EdgeAspire.Evaluator.Results;

namespace EdgeAspire.Evaluator.Workloads;

public sealed record LoadSummary(string Model, string Phase, string Mode, double Level, int Requests, int Ok, int Errors, int Refused,
    double RequestsPerSecond, double TokensPerSecond, double P50Ms, double P90Ms, double P99Ms, double? MeanTtftMs)
{
    public static IReadOnlyList<LoadSummary> Of(IReadOnlyList<LoadRow> rows, IReadOnlyDictionary<(string Model, string Phase), double> durations) =>
        [.. rows.GroupBy(r => (r.Model, r.Phase)).Select(g =>
        {
            var ok = g.Where(r => r.Status == 200).ToList();
            var seconds = Math.Max(1e-9, (durations.TryGetValue(g.Key, out var d) ? d : g.Max(r => r.StartMs + r.LatencyMs)) / 1000);
            var latency = ok.Select(r => r.LatencyMs).ToList();
            var first = g.First();
            return new LoadSummary(g.Key.Model, g.Key.Phase, first.Mode, first.Level, g.Count(), ok.Count, g.Count(r => r.Status != 200 && r.Status != 429), g.Count(r => r.Status == 429),
                ok.Count / seconds, ok.Sum(r => r.CompletionTokens) / seconds, Stats.Percentile(latency, 50), Stats.Percentile(latency, 90), Stats.Percentile(latency, 99),
                Stats.MeanOrNull(ok.Select(r => r.TtftMs).OfType<double>().ToList()));
        }).OrderBy(s => s.Model, StringComparer.Ordinal).ThenBy(s => s.Mode, StringComparer.Ordinal).ThenBy(s => s.Level)];
}

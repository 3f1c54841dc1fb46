using EdgeAspire.Evaluator.Projection;
using static EdgeAspire.Evaluator.Reports.MarkdownReport;

namespace EdgeAspire.Evaluator.Reports;

/// <summary>The report's "projected on a Raspberry Pi 5" table: one row per model whose footprint the run recorded.
/// Its title and every row say it is a projection, so no one reads it as a measurement.</summary>
public static class Pi5ProjectionTable
{
    public const string Title = "Projected on a Raspberry Pi 5 (a projection, not a measurement)";

    public static TableData? Of(ReportData data)
    {
        var rows = data.Environment.Where(e => e.Scope.StartsWith("model:", StringComparison.Ordinal))
            .GroupBy(e => e.Scope["model:".Length..], StringComparer.Ordinal)
            .Select(g => (Model: g.Key, Footprint: ModelFootprint.FromEnvironment(g.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))))
            .Where(m => m.Footprint is not null)
            .Select(m => (IReadOnlyList<string>)[data.Label(m.Model), m.Footprint!.WeightType ?? "–",
                F(m.Footprint.WeightBytesPerToken / 1048576.0, "0.0"), F(m.Footprint.MatmulParameters / 1e6, "0.0"),
                F(Pi5Projection.PrefillTokensPerSecond(m.Footprint), "0.0"), F(Pi5Projection.DecodeTokensPerSecond(m.Footprint), "0.0"),
                m.Footprint.Exact ? Pi5Projection.Caveat : Pi5Projection.Caveat + "; from the file size and parameter count (an upper bound on cost)"])
            .ToList();
        return rows.Count == 0 ? null : new TableData(Title,
            ["model", "weight type", "weights read per token MiB", "matrix parameters M", "projected prefill tok/s", "projected decode tok/s", "basis"], rows);
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EdgeAspire.Benchmarks;

/// <summary>Tokens per second from the mean time of an operation that handles <c>[BenchmarkCategory("tokens:N")]</c>
/// tokens.</summary>
public sealed class TokensPerSecondColumn : IColumn
{
    public string Id => nameof(TokensPerSecondColumn);

    public string ColumnName => "tok/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Tokens per second (tokens of the operation / mean time)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var tokens = benchmarkCase.Descriptor.Categories
            .Where(c => c.StartsWith("tokens:", StringComparison.Ordinal))
            .Select(c => int.Parse(c["tokens:".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return tokens == 0 || mean is null or 0 ? "-" : (tokens / (mean.Value / 1e9)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

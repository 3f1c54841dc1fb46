namespace EdgeAspire.Evaluator.Workloads;

public static class Stats
{
    public static double Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? 0 : values.Average();

    public static double? MeanOrNull(IReadOnlyCollection<double> values) => values.Count == 0 ? null : values.Average();

    /// <summary>Linear interpolation between closest ranks (numpy's default).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToArray();
        var rank = percent / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /// <summary>Sample standard deviation over the mean (the paper's CV of throughput across prompts).</summary>
    public static double? CoefficientOfVariation(IReadOnlyCollection<double> values)
    {
        if (values.Count < 2)
        {
            return null;
        }
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return mean == 0 ? null : sd / mean;
    }
}

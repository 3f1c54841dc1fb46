namespace EdgeAspire.Evaluator.Measurement;

/// <summary>CPU in percent of one core (as <c>top</c> shows it: 400 % is four busy cores) averaged over the request,
/// and the peak resident memory.</summary>
public sealed record ResourceSummary(double? CpuPercent, long? PeakRssBytes, int Samples)
{
    public static ResourceSummary Empty { get; } = new(null, null, 0);

    public static ResourceSummary Of(IReadOnlyList<ResourceSample> samples)
    {
        if (samples.Count == 0)
        {
            return Empty;
        }
        var first = samples[0];
        var last = samples[^1];
        double? cpu = last.AtMs > first.AtMs ? (last.CpuSeconds - first.CpuSeconds) * 1000 / (last.AtMs - first.AtMs) * 100 : null;
        return new ResourceSummary(cpu, samples.Max(s => s.RssBytes), samples.Count);
    }
}

namespace EdgeAspire.Evaluator.Soak;

/// <summary>A finished soak: its plan, the outcomes and the server samples in time order.</summary>
public sealed record SoakResult(SoakPlan Plan, DateTimeOffset Started, TimeSpan Elapsed, SoakTally Tally, IReadOnlyList<ServerSample> Samples)
{
    /// <summary>The sample growth is measured from: the one nearest <see cref="SoakPlan.Baseline"/> (a sample
    /// lands a moment after each whole interval).</summary>
    public ServerSample? BaselineSample => Samples.Where(s => s.RssBytes is not null).MinBy(s => (s.At - Plan.Baseline).Duration());

    /// <summary>RSS growth in percent from <see cref="BaselineSample"/> to the last sample.</summary>
    public double? RssGrowthPercent =>
        BaselineSample?.RssBytes is { } from && Samples.LastOrDefault(s => s.RssBytes is not null)?.RssBytes is { } to && from > 0
            ? (to - from) * 100.0 / from
            : null;
}

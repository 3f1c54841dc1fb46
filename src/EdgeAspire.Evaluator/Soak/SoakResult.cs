namespace EdgeAspire.Evaluator.Soak;

/// <summary>A finished soak: its plan, the outcomes and the server samples in time order.</summary>
public sealed record SoakResult(SoakPlan Plan, DateTimeOffset Started, TimeSpan Elapsed, SoakTally Tally, IReadOnlyList<ServerSample> Samples)
{
    /// <summary>The sample growth is measured from: the last one at or before <see cref="SoakPlan.Baseline"/>.</summary>
    public ServerSample? BaselineSample => Samples.LastOrDefault(s => s.At <= Plan.Baseline && s.RssBytes is not null)
        ?? Samples.FirstOrDefault(s => s.RssBytes is not null);

    /// <summary>RSS growth in percent from <see cref="BaselineSample"/> to the last sample.</summary>
    public double? RssGrowthPercent =>
        BaselineSample?.RssBytes is { } from && Samples.LastOrDefault(s => s.RssBytes is not null)?.RssBytes is { } to && from > 0
            ? (to - from) * 100.0 / from
            : null;
}

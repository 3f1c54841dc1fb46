namespace EdgeAspire.Evaluator.Measurement;

/// <summary>This process (in-process mode: the model runs here).</summary>
public sealed class ProcessResourceProbe : IResourceProbe
{
    public Task<(double CpuSeconds, long RssBytes)?> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<(double, long)?>((Environment.CpuUsage.TotalTime.TotalSeconds, Environment.WorkingSet));
}

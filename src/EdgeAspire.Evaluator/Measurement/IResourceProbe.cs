namespace EdgeAspire.Evaluator.Measurement;

/// <summary>Reads the serving process's cumulative CPU seconds and resident bytes; null when unavailable.</summary>
public interface IResourceProbe
{
    Task<(double CpuSeconds, long RssBytes)?> ReadAsync(CancellationToken cancellationToken);
}

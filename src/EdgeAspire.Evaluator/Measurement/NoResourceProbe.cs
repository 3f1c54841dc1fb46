namespace EdgeAspire.Evaluator.Measurement;

/// <summary>A probe that reads nothing: for measurements that must not add requests to the server.</summary>
public sealed class NoResourceProbe : IResourceProbe
{
    public static readonly NoResourceProbe Instance = new();

    private NoResourceProbe() { }

    public Task<(double CpuSeconds, long RssBytes)?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<(double, long)?>(null);
}

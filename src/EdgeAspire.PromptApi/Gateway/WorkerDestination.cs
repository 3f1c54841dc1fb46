namespace EdgeAspire.PromptApi.Gateway;

/// <summary>One replica of a worker service: its address, what the last probe found, and the requests the gateway
/// has in flight to it.</summary>
internal sealed class WorkerDestination(string serviceName, Uri address)
{
    private volatile IReadOnlyDictionary<string, WorkerModel> _models = new Dictionary<string, WorkerModel>();
    private volatile bool _healthy;
    private int _outstanding;

    public string ServiceName { get; } = serviceName;

    /// <summary>Forwarding prefix: scheme, authority and any base path, without a trailing slash.</summary>
    public string Prefix { get; } = address.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public Uri Address { get; } = address;

    public bool Healthy => _healthy;

    /// <summary>Why the worker was last taken out; null while it is healthy.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyDictionary<string, WorkerModel> Models => _models;

    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Counts a forwarded request until the lease is disposed.</summary>
    public Lease Begin()
    {
        Interlocked.Increment(ref _outstanding);
        return new Lease(this);
    }

    /// <returns>True when the health or the set of models changed.</returns>
    public bool MarkHealthy(IReadOnlyDictionary<string, WorkerModel> models)
    {
        var changed = !_healthy || models.Count != _models.Count || !models.Keys.All(_models.ContainsKey);
        _models = models;
        Problem = null;
        _healthy = true;
        return changed;
    }

    /// <returns>True when the health changed.</returns>
    public bool MarkUnhealthy(string problem)
    {
        Problem = problem;
        var changed = _healthy;
        _healthy = false;
        return changed;
    }

    public override string ToString() => $"{ServiceName} ({Prefix})";

    public readonly struct Lease(WorkerDestination destination) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref destination._outstanding);
    }
}

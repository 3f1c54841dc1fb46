namespace EdgeAspire.ServiceDefaults.Discovery;

/// <summary>The endpoints configured under one <c>services:{name}:{endpointName}</c>, handed out round-robin.</summary>
internal sealed class ServiceEndpointSet(IReadOnlyList<Uri> endpoints)
{
    private int _next = -1;

    public IReadOnlyList<Uri> Endpoints { get; } = endpoints;

    public Uri Next()
    {
        var turn = (uint)Interlocked.Increment(ref _next);
        return Endpoints[(int)(turn % (uint)Endpoints.Count)];
    }
}

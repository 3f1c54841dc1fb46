namespace EdgeAspire.Hosting.Local;

internal sealed class ResourceStateStore : IResourceStateProvider
{
    private readonly Lock _lock = new();
    private readonly List<ResourceSnapshot> _snapshots = [];

    public event EventHandler<ResourceSnapshot>? Changed;

    public IReadOnlyList<ResourceSnapshot> GetSnapshots()
    {
        lock (_lock)
        {
            return [.. _snapshots];
        }
    }

    public ResourceSnapshot Get(string name)
    {
        lock (_lock)
        {
            return _snapshots.First(s => s.Name == name);
        }
    }

    public void Add(ResourceSnapshot snapshot)
    {
        lock (_lock)
        {
            _snapshots.Add(snapshot);
        }
        Changed?.Invoke(this, snapshot);
    }

    public ResourceSnapshot Update(string name, Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        ResourceSnapshot updated;
        lock (_lock)
        {
            var index = _snapshots.FindIndex(s => s.Name == name);
            updated = change(_snapshots[index]) with { Changed = DateTimeOffset.UtcNow };
            _snapshots[index] = updated;
        }
        Changed?.Invoke(this, updated);
        return updated;
    }
}

namespace EdgeAspire.Hosting;

/// <summary>The read model of the running resources, for the terminal table and a dashboard.</summary>
public interface IResourceStateProvider
{
    /// <summary>Every replica in start order.</summary>
    IReadOnlyList<ResourceSnapshot> GetSnapshots();

    /// <summary>Raised after a replica's state, process or restart count changed (on the runner's threads).</summary>
    event EventHandler<ResourceSnapshot>? Changed;
}

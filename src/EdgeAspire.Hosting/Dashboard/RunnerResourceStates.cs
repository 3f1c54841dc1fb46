using DashboardResources = EdgeAspire.Dashboard.Resources;

namespace EdgeAspire.Hosting.Dashboard;

/// <summary>The dashboard's Resources page, fed from the local runner's replicas: state, URL, restarts and pid from
/// the runner, CPU and memory from the process itself, and the <c>OTEL_SERVICE_NAME</c> the runner gave it, which
/// links each row to its logs and traces.</summary>
internal sealed class RunnerResourceStates(IResourceStateProvider states, ProcessUsage usage) : DashboardResources.IResourceStateProvider
{
    public ValueTask<IReadOnlyList<DashboardResources.ResourceSnapshot>> GetResourcesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DashboardResources.ResourceSnapshot> resources = [.. states.GetSnapshots().Select(ToDashboard)];
        return ValueTask.FromResult(resources);
    }

    private DashboardResources.ResourceSnapshot ToDashboard(ResourceSnapshot snapshot)
    {
        var (cpu, memory) = snapshot.ProcessId is { } pid && snapshot.State is ResourceState.Starting or ResourceState.Running
            ? usage.Sample(pid)
            : (null, null);
        return new DashboardResources.ResourceSnapshot(
            snapshot.Name,
            snapshot.State.ToString(),
            Type: snapshot.Kind,
            Urls: snapshot.Url is { } url ? [url.ToString()] : [],
            Restarts: snapshot.Restarts,
            ProcessId: snapshot.ProcessId,
            CpuPercent: cpu,
            MemoryBytes: memory,
            ServiceName: snapshot.ServiceName);
    }
}

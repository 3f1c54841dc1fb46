using EdgeAspire.Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAspire.Dashboard.Resources;

/// <summary>The default provider: every service that has sent telemetry, <c>Running</c> while it keeps sending and
/// <c>Silent</c> after <see cref="DashboardOptions.SilentAfter"/>.</summary>
public sealed class TelemetryResourceStateProvider(TelemetryStore store, IOptions<DashboardOptions> options, TimeProvider time) : IResourceStateProvider
{
    public ValueTask<IReadOnlyList<ResourceSnapshot>> GetResourcesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<ResourceSnapshot> resources = [.. ServiceActivity.From(store).Values
            .OrderBy(s => s.ServiceName, StringComparer.Ordinal)
            .Select(s => new ResourceSnapshot(s.ServiceName, now - s.LastSeen > options.Value.SilentAfter ? "Silent" : "Running",
                Type: "Service", CpuPercent: s.CpuPercent, MemoryBytes: s.MemoryBytes, LastSeen: s.LastSeen, ServiceName: s.ServiceName))];
        return ValueTask.FromResult(resources);
    }
}

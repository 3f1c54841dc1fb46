namespace EdgeAspire.Dashboard.Resources;

/// <summary>What the Resources page lists. The AppHost implements it from its process runner (state, URLs,
/// restarts, pid); without one, <see cref="TelemetryResourceStateProvider"/> lists the services seen in telemetry.
/// Values a provider leaves null (CPU, memory, last seen) are filled from the resource's own telemetry, matched by
/// <see cref="ResourceSnapshot.ServiceName"/>.</summary>
public interface IResourceStateProvider
{
    ValueTask<IReadOnlyList<ResourceSnapshot>> GetResourcesAsync(CancellationToken cancellationToken);
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Ready when at least one worker is: the gateway can then serve something.</summary>
internal sealed class GatewayHealthCheck(WorkerPool pool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var healthy = pool.Destinations.Count(d => d.Healthy);
        return Task.FromResult(healthy > 0
            ? HealthCheckResult.Healthy($"{healthy} of {pool.Destinations.Count} worker(s) in routing")
            : HealthCheckResult.Unhealthy(pool.Probed
                ? $"No worker in routing: {string.Join("; ", pool.Destinations.Select(d => $"{d}: {d.Problem}"))}"
                : "The workers have not been probed yet."));
    }
}

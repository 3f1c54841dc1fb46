using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Ready when at least one worker is: the gateway can then serve something. Before the first probe round
/// has ended it awaits that round rather than answer unhealthy: not having probed yet is no failure, and every such
/// answer was logged as one (<c>fail:</c>) while the AppHost waited for the gateway.</summary>
internal sealed class GatewayHealthCheck(WorkerPool pool, WorkerProber prober) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!pool.Probed)
        {
            await prober.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        var healthy = pool.Destinations.Count(d => d.Healthy);
        return healthy > 0
            ? HealthCheckResult.Healthy($"{healthy} of {pool.Destinations.Count} worker(s) in routing")
            : HealthCheckResult.Unhealthy(pool.Probed
                ? $"No worker in routing: {string.Join("; ", pool.Destinations.Select(d => $"{d}: {d.Problem}"))}"
                : "The workers have not been probed yet.");
    }
}

using EdgeAspire.PromptApi.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeAspire.PromptApi;

/// <summary>Ready when at least one model can be served.</summary>
internal sealed class ModelsHealthCheck(ModelCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.List().Count > 0
            ? HealthCheckResult.Healthy($"{catalog.List().Count} model(s) available")
            : HealthCheckResult.Unhealthy("No servable model: the models folder is empty or every file was rejected."));
}

using EdgeAspire.PromptApi.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeAspire.PromptApi;

/// <summary>Ready when at least one model can be served; degraded (still ready) while some model files are refused,
/// naming them and why, so an operator sees what is wrong without reading the logs.</summary>
internal sealed class ModelsHealthCheck(ModelCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (models, rejected) = catalog.List();
        var servable = models.Count;
        var refusals = string.Join("; ", rejected.Select(r => $"{r.Id}: {r.Reason}"));
        return Task.FromResult((servable, rejected.Count) switch
        {
            (0, 0) => HealthCheckResult.Unhealthy("No servable model: the models folder is empty."),
            (0, _) => HealthCheckResult.Unhealthy($"No servable model: every model file was refused ({refusals})."),
            (_, 0) => HealthCheckResult.Healthy($"{servable} model(s) available"),
            _ => HealthCheckResult.Degraded($"{servable} model(s) available, {rejected.Count} refused ({refusals})"),
        });
    }
}

using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeAspire.Hosting;

/// <summary>
/// A worker is ready when its <c>/health</c> says so, which needs a model it can serve. One given only catalog models
/// has none until a request pulls one, so while it is up but not ready this check sends one tiny chat per such model,
/// once: the worker fetches the file through the ModelStore and loads it, and the gateway waiting for it can start.
/// </summary>
internal sealed class WorkerReadyCheck(ProjectResource worker) : IHealthCheck
{
    private static readonly HttpClient s_probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    // A first pull of a multi-GB model over a home connection takes long; the check itself never waits for it.
    private static readonly HttpClient s_warmUp = new() { Timeout = TimeSpan.FromHours(2) };
    private Task? _warmUp;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var baseUrl = new Uri(worker.GetEndpoint("http").Url);
        try
        {
            using var health = await s_probe.GetAsync(new Uri(baseUrl, "/health"), cancellationToken).ConfigureAwait(false);
            if (health.IsSuccessStatusCode)
            {
                return HealthCheckResult.Healthy();
            }
            var catalogModels = worker.ModelsOf().Where(m => !m.IsLocalFile).ToList();
            if (catalogModels.Count == 0)
            {
                return HealthCheckResult.Unhealthy($"/health answered {(int)health.StatusCode}");
            }
            _warmUp ??= WarmUpAsync(baseUrl, catalogModels);
            return _warmUp.IsFaulted
                ? HealthCheckResult.Unhealthy($"fetching {string.Join(", ", catalogModels.Select(m => m.Id))} failed", _warmUp.Exception?.GetBaseException())
                : HealthCheckResult.Unhealthy($"fetching {string.Join(", ", catalogModels.Select(m => m.Id))} through the ModelStore");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("not listening yet", e);
        }
    }

    private static async Task WarmUpAsync(Uri baseUrl, IReadOnlyList<ModelSpec> models)
    {
        foreach (var model in models)
        {
            var body = new { model = model.Id, messages = new[] { new { role = "user", content = "Hello" } }, max_tokens = 1 };
            using var response = await s_warmUp.PostAsJsonAsync(new Uri(baseUrl, "/v1/chat/completions"), body).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"warming up {model.Id} failed with HTTP {(int)response.StatusCode}: {text.ReplaceLineEndings(" ")}");
            }
        }
    }
}

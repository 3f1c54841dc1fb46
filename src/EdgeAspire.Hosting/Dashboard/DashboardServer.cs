using EdgeAspire.Dashboard.Resources;
using IDashboardResources = EdgeAspire.Dashboard.Resources.IResourceStateProvider;
using EdgeAspire.Hosting.Cli;
using EdgeAspire.Hosting.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.Hosting.Dashboard;

/// <summary>
/// The dashboard the AppHost serves while it runs a composition locally (Aspire's AppHost starts its dashboard the
/// same way): the OTLP/HTTP receiver every service exports to, and the page showing the runner's resources beside
/// their telemetry.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The page and the OTLP base address (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).</summary>
    public Uri Url { get; }

    /// <param name="url">Where to listen; port 0 takes a free port.</param>
    /// <param name="evaluatorPath">The Evaluator's entry assembly, for runs started from the page; null: none.</param>
    /// <param name="evaluationEndpoint">The endpoint the page proposes for runs (the gateway's <c>/v1</c>).</param>
    public static async Task<DashboardServer> StartAsync(Uri url, ResourceStateStore states, string? evaluatorPath, string? evaluationEndpoint,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls(url.ToString());
        // Request logs would interleave with the resources' lines; Ctrl+C belongs to the AppHost, not to this host.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.Services.AddSingleton(states);
        builder.Services.AddSingleton<TelemetryResourceStateProvider>();
        builder.Services.AddSingleton<IDashboardResources, RunnerResourceStates>();
        builder.Services.AddEdgeDashboard(options =>
        {
            options.EvaluatorPath ??= evaluatorPath;
            options.DefaultEvaluationEndpoint ??= evaluationEndpoint;
        });
        var app = builder.Build();
        app.MapEdgeDashboard();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Typically the port of EDGEASPIRE_DASHBOARD_URL is taken: one line, not a stack trace.
            await app.DisposeAsync().ConfigureAwait(false);
            throw new AppHostFailureException($"cannot serve the dashboard on {url}: {e.Message} (set {DashboardAddress.EnvironmentVariable} to another address, or to '{DashboardAddress.Off}')");
        }
        return new DashboardServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class NoSignalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using EdgeAspire.Dashboard;
using EdgeAspire.Hosting.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using DashboardResources = EdgeAspire.Dashboard.Resources;

namespace EdgeAspire.Hosting.Dashboard;

/// <summary>
/// The dashboard the AppHost serves while it runs a composition locally: a Kestrel app on loopback hosting the
/// <c>EdgeAspire.Dashboard</c> library, whose OTLP receiver the services export to. The AppHost exports no telemetry of
/// its own, so the dashboard never records itself.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app)
    {
        _app = app;
        Url = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    /// <summary>The address it listens on (the real port when a free one was asked for with port 0).</summary>
    public Uri Url { get; }

    public static async Task<DashboardServer> StartAsync(Uri address, DashboardResources.IResourceStateProvider resources,
        Action<DashboardOptions> configure, CancellationToken cancellationToken)
    {
        // Configuration still comes from the environment (Dashboard__MaxSpans…), but not the AppHost's command line,
        // which belongs to the composition.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Kestrel's start-up lines would interleave with the resources' prefixed logs; a failure to bind throws instead.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(resources);
        builder.Services.AddEdgeDashboard(configure);
        var app = builder.Build();
        // Added to the app itself, so the AppHost's own ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS cannot move it.
        app.Urls.Add(address.ToString().TrimEnd('/'));
        app.MapEdgeDashboard();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new AppHostFailureException($"cannot serve the dashboard on {address}: {e.Message} (set {DashboardAddress.EnvironmentVariable} to another address, or to 'off')");
        }
        return new DashboardServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

using EdgeAspire.Dashboard.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.Dashboard.Tests.Infrastructure;

/// <summary>The dashboard hosted as the AppHost will host it: a Kestrel app on a loopback port calling
/// <c>AddEdgeDashboard</c> and <c>MapEdgeDashboard</c>.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.Single() + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public TelemetryStore Store => Services.GetRequiredService<TelemetryStore>();

    public static async Task<DashboardHost> StartAsync(Action<DashboardOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        services?.Invoke(builder.Services);
        builder.Services.AddEdgeDashboard(configure);
        var app = builder.Build();
        app.MapEdgeDashboard();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new DashboardHost(app);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (telemetry arrives on the exporters' schedule).</summary>
    public static async Task WaitForAsync(Func<bool> condition, string what, int seconds = 30)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {seconds} s waiting for {what}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

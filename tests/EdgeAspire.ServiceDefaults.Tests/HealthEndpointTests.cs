using System.Net;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace EdgeAspire.ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_and_alive_report_healthy()
    {
        await using var server = await LoopbackServer.StartAsync(
            app => app.MapDefaultEndpoints(),
            builder => builder.AddServiceDefaults());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var health = await client.GetAsync(Extensions.HealthEndpointPath, TestContext.Current.CancellationToken);
        using var alive = await client.GetAsync(Extensions.AlivenessEndpointPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Failing_readiness_check_fails_health_but_not_alive()
    {
        await using var server = await LoopbackServer.StartAsync(
            app => app.MapDefaultEndpoints(),
            builder =>
            {
                builder.AddServiceDefaults();
                builder.Services.AddHealthChecks().AddCheck("model-loaded", () => HealthCheckResult.Unhealthy("no model"));
            });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var health = await client.GetAsync(Extensions.HealthEndpointPath, TestContext.Current.CancellationToken);
        using var alive = await client.GetAsync(Extensions.AlivenessEndpointPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}

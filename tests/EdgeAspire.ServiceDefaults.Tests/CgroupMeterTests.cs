using System.Diagnostics.Metrics;
using EdgeAspire.ServiceDefaults.Telemetry;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeAspire.ServiceDefaults.Tests;

public sealed class CgroupMeterTests : IDisposable
{
    private readonly DirectoryInfo _cgroup = Directory.CreateTempSubdirectory("cgroup-");

    public void Dispose() => _cgroup.Delete(recursive: true);

    [Fact]
    public async Task Cgroup_v2_memory_and_cpu_are_exposed_when_their_files_exist()
    {
        await File.WriteAllTextAsync(Path.Combine(_cgroup.FullName, "memory.current"), "123456789\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_cgroup.FullName, "cpu.stat"),
            "usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\n", TestContext.Current.CancellationToken);

        var metrics = await ScrapeWithCgroupAsync();

        Assert.Equal("gauge", metrics.Types["edgeaspire_cgroup_memory_current_bytes"]);
        Assert.Equal(123456789, metrics.Value("edgeaspire_cgroup_memory_current_bytes"));
        Assert.Equal("counter", metrics.Types["edgeaspire_cgroup_cpu_usage_seconds_total"]);
        Assert.Equal(2.5, metrics.Value("edgeaspire_cgroup_cpu_usage_seconds_total"));
    }

    [Fact]
    public async Task Without_cgroup_v2_files_there_are_no_cgroup_metrics_and_no_error()
    {
        var metrics = await ScrapeWithCgroupAsync();

        Assert.DoesNotContain(metrics.Types.Keys, name => name.StartsWith("edgeaspire_cgroup_", StringComparison.Ordinal));
        // The process figures come from OpenTelemetry's process instrumentation, cgroup or not.
        Assert.True(metrics.Value("process_memory_usage_bytes") > 0);
        Assert.True(metrics.Family("process_cpu_time_seconds_total").Sum(s => s.Value) > 0);
    }

    private async Task<PrometheusText> ScrapeWithCgroupAsync()
    {
        await using var server = await LoopbackServer.StartAsync(
            app => app.MapDefaultEndpoints(),
            builder =>
            {
                // Registered first: AddServiceDefaults only adds the default CgroupMeter when there is none.
                builder.Services.AddSingleton(sp => new CgroupMeter(sp.GetRequiredService<IMeterFactory>(), _cgroup.FullName));
                builder.AddServiceDefaults();
            });
        return await ScrapeAsync(server);
    }

    private static async Task<PrometheusText> ScrapeAsync(LoopbackServer server)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        return PrometheusText.Parse(await client.GetStringAsync(Extensions.MetricsEndpointPath, TestContext.Current.CancellationToken));
    }
}

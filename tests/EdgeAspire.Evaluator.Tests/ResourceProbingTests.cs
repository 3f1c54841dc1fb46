using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>Conversations sample the server's <c>/metrics</c> while each request runs; a load run must not, or every
/// client in flight would add five requests a second to the server whose throughput it measures.</summary>
public sealed class ResourceProbingTests
{
    [Fact]
    public async Task Conversations_poll_the_metrics_and_load_runs_do_not()
    {
        var folder = TestData.NewFolder();
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        await using var metrics = await CountingMetricsServer.StartAsync();
        string[] common = ["--endpoint", new Uri(server.BaseAddress, "/v1").ToString(), "--model", TestModels.Synthetic,
            "--metrics-url", metrics.Url, "--out", Path.Combine(folder, "runs")];

        await EvalCli.SucceedAsync(["conversations", .. common, "--dataset", TestData.WriteOasstTrees(folder, 1, 6), "--conversations", "1", "--max-tokens", "8"]);
        var duringConversations = metrics.Requests;
        await EvalCli.SucceedAsync(["load", .. common, "--concurrency", "2", "--requests", "4", "--max-tokens", "32"]);

        Assert.True(duringConversations > 0, "the conversations run never read the metrics");
        Assert.Equal(duringConversations, metrics.Requests);
    }

    [Fact]
    public async Task The_probe_reads_the_process_figures_a_running_PromptApi_exports()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });
        using var http = new HttpClient();
        var probe = new EdgeAspire.Evaluator.Measurement.PrometheusResourceProbe(http, new Uri(server.BaseAddress, "/metrics"));

        var first = await probe.ReadAsync(TestContext.Current.CancellationToken);
        await Task.Run(() => { var spin = DateTime.UtcNow.AddMilliseconds(50); while (DateTime.UtcNow < spin) { } }, TestContext.Current.CancellationToken);
        var second = await probe.ReadAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.True(second.Value.CpuSeconds >= first.Value.CpuSeconds && first.Value.CpuSeconds > 0);
        Assert.True(second.Value.RssBytes > 10_000_000, $"resident memory {second.Value.RssBytes} bytes");
    }

    /// <summary>A loopback Prometheus endpoint that counts the requests it answers.</summary>
    private sealed class CountingMetricsServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private CountingMetricsServer(WebApplication app) => _app = app;

        public string Url => _app.Urls.Single() + "/metrics";

        public int Requests => Volatile.Read(ref _requests);

        public static async Task<CountingMetricsServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var server = new CountingMetricsServer(app);
            app.MapGet("/metrics", () =>
            {
                Interlocked.Increment(ref server._requests);
                return Microsoft.AspNetCore.Http.Results.Text("process_cpu_seconds_total 1.5\nprocess_resident_memory_bytes 1048576\n", "text/plain; version=0.0.4");
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            return server;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}

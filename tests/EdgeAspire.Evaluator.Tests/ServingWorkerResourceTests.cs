using EdgeAspire.Evaluator.Measurement;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>Through a gateway, CPU and memory are those of the worker that served each request, not the gateway's.</summary>
public sealed class ServingWorkerResourceTests
{
    [Fact]
    public async Task Through_a_gateway_the_figures_come_from_the_worker_that_served()
    {
        var folder = TestData.NewFolder();
        var file = TestModels.Require(TestModels.Synthetic);
        // Only worker-a serves the model asked for: it is the busy one, worker-b stays idle.
        await using var busy = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = file });
        await using var idle = new PromptApiServer(new Dictionary<string, string> { ["beta"] = file });
        await using var gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["worker-a"] = [busy.BaseAddress], ["worker-b"] = [idle.BaseAddress] });
        var runs = Path.Combine(folder, "runs");
        await gateway.UntilRoutableAsync(TestModels.Synthetic);

        var run = await EvalCli.SucceedAsync("conversations", "--endpoint", new Uri(gateway.BaseAddress, "/v1").ToString(), "--model", TestModels.Synthetic,
            "--dataset", TestData.WriteOasstTrees(folder, 1, 5), "--conversations", "1", "--max-tokens", "4", "--out", runs);

        var database = ResultsDb.PathOf(runs, run.RunId);
        var rows = ResultsDb.Query(database, "SELECT worker, cpu_percent, peak_rss_bytes, samples FROM chat");
        var busyAddress = busy.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(busyAddress, r[0]));
        Assert.All(rows, r => Assert.True(r[2] is long rss && rss > 10_000_000 && (long)r[3]! >= 2, $"rss {r[2]}, samples {r[3]}"));
        Assert.DoesNotContain(gateway.Requests.Entries, e => e.Path == "/metrics");
        Assert.Contains(busy.Requests.Entries, e => e.Path == "/metrics");
        var recorded = ResultsDb.Query(database, "SELECT value FROM environment WHERE key = 'metrics'").Single()[0] as string;
        Assert.DoesNotContain(gateway.BaseAddress.GetLeftPart(UriPartial.Authority), recorded, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(runs, run.RunId, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains($"| {TestModels.Synthetic} (synthetic) | {busyAddress} | 3 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Samples_of_the_serving_worker_are_kept_and_an_idle_ones_dropped()
    {
        // Two workers' counters: the busy one's CPU seconds grow at every read, the idle one's stay put.
        var busyCpu = 0.0;
        var probes = new Dictionary<string, IResourceProbe>
        {
            ["http://busy"] = new FakeProbe(() => (busyCpu += 1, 2_000_000_000)),
            ["http://idle"] = new FakeProbe(() => (7, 50_000_000)),
        };

        await using var samplers = ServingSamplers.Start(ServingProbes.Of(probes), TestContext.Current.CancellationToken);
        var summary = ResourceSummary.Of(await samplers.StopAsync("http://busy"));

        Assert.True(summary.CpuPercent > 0, $"CPU {summary.CpuPercent}");
        Assert.Equal(2_000_000_000, summary.PeakRssBytes);
    }

    private sealed class FakeProbe(Func<(double, long)> read) : IResourceProbe
    {
        public Task<(double CpuSeconds, long RssBytes)?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<(double, long)?>(read());
    }
}

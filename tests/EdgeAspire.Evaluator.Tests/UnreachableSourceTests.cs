using System.Net;
using System.Net.Sockets;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>A network failure is not bad input: exit 3 (2 is for usage errors), one line, and the way round it.</summary>
public sealed class UnreachableSourceTests
{
    [Fact]
    public async Task A_hub_that_cannot_be_reached_exits_3_and_points_to_a_local_dataset()
    {
        var folder = TestData.NewFolder();

        var run = await EvalCli.RunAsync("winogrande", "--model-file", Fixtures.SyntheticModel(), "--dataset", "hub", "--hub-endpoint", ClosedPortUrl(),
            "--cache", Path.Combine(folder, "cache"), "--out", Path.Combine(folder, "runs"));

        Assert.Equal(3, run.Exit);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("--dataset <path>", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_cannot_be_reached_exits_3()
    {
        var folder = TestData.NewFolder();

        var run = await EvalCli.RunAsync("winogrande", "--endpoint", ClosedPortUrl() + "v1", "--model", "m", "--dataset", TestData.WriteWinogrande(folder, 2),
            "--out", Path.Combine(folder, "runs"));

        Assert.Equal(3, run.Exit);
        Assert.Contains("cannot reach", Assert.Single(run.Error.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_still_exits_2()
    {
        var run = await EvalCli.RunAsync("winogrande", "--model-file", Fixtures.SyntheticModel(), "--dataset", "/no/such/file.jsonl");

        Assert.Equal(2, run.Exit);
    }

    /// <summary>A loopback port nothing listens on (bound, then released), so a connection is refused at once.</summary>
    private static string ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }
}

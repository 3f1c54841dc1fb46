using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The AppHost executable itself: the whole stack on a local file, Ctrl+C, and its one-line refusals.</summary>
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task Sigterm_stops_every_resource_dcp_and_the_dashboard_and_leaves_no_process_behind()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var apphost = new AppHostProcess(["--model-file", Fixtures.SharedModel("stories260K.gguf") ?? Fixtures.SyntheticModel(GgmlType.F32)]);
        await apphost.Ready.WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        var ready = started.Elapsed;
        var processes = ProcessTree.OfAppHost(apphost.Process.Id);
        Assert.True(processes.Count >= 5, $"expected DCP, the dashboard, the store, a worker and the gateway; found {processes.Count}");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"healthy gateway after {ready.TotalSeconds:0.0} s; {processes.Count} processes, RSS {ProcessTree.ResidentBytes(processes) / (1 << 20)} MiB in all");
        Assert.Contains("Login to the dashboard at http://", apphost.Output, StringComparison.Ordinal);

        // A script stops the AppHost with SIGTERM (SIGINT is ignored by a background process).
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", apphost.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        await apphost.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await ProcessTree.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(processes, ProcessTree.IsRunning);
    }

    [Fact]
    public async Task Every_process_stops_when_the_apphost_is_killed_with_sigkill()
    {
        using var apphost = new AppHostProcess(["--model-file", Fixtures.SyntheticModel(GgmlType.F32)]);
        await apphost.Ready.WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        var processes = ProcessTree.OfAppHost(apphost.Process.Id);

        // SIGKILL: the AppHost gets no chance to stop anything; DCP watches its process and cleans up.
        apphost.Process.Kill();
        await apphost.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await ProcessTree.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(60));

        Assert.DoesNotContain(processes, ProcessTree.IsRunning);
    }

    [Fact]
    public async Task Unreachable_hub_without_a_local_model_names_both_ways_out()
    {
        using var apphost = await AppHostProcess.RunAsync([], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["HF_ENDPOINT"] = "http://127.0.0.1:9" });

        Assert.Equal(1, apphost.Process.ExitCode);
        var line = Assert.Single(apphost.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("--model-file", line, StringComparison.Ordinal);
        Assert.Contains("HF_ENDPOINT", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model-file", "/nonexistent/model.gguf")]
    [InlineData("publish", "kubernetes")]
    [InlineData("publish", "k3s", "--node-memory", "lots")]
    public async Task Bad_input_is_refused_in_one_line(params string[] arguments)
    {
        using var apphost = await AppHostProcess.RunAsync(arguments, TimeSpan.FromSeconds(30));

        Assert.Equal(2, apphost.Process.ExitCode);
        var line = Assert.Single(apphost.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
    }
}

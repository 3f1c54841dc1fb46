using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The AppHost executable itself: the whole stack on a local file, Ctrl+C, and its one-line refusals.</summary>
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task Sigint_stops_every_resource_and_leaves_no_process_behind()
    {
        // A terminal type that offers colours: the output, a pipe, must still be plain text.
        using var apphost = new AppHostProcess(["--model-file", Fixtures.SyntheticModel(GgmlType.F32)], new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        await apphost.Ready.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        var children = ProcessTree.Descendants(apphost.Process.Id);
        Assert.True(children.Count >= 3, $"expected the store, a worker and the gateway below the AppHost; found {children.Count}");

        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", apphost.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        var exited = apphost.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)) == exited,
            "still running 30 s after SIGINT; its output:\n" + apphost.Output);

        Assert.Equal(0, apphost.Process.ExitCode);
        Assert.DoesNotContain(children, ProcessTree.IsRunning);
        Assert.Contains("stopping", apphost.Output, StringComparison.Ordinal);
        Assert.Contains("dashboard: http://127.0.0.1:", apphost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", apphost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_stop_themselves_when_the_apphost_is_killed_with_sigkill()
    {
        using var apphost = new AppHostProcess(["--model-file", Fixtures.SyntheticModel(GgmlType.F32)]);
        await apphost.Ready.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        var children = ProcessTree.Descendants(apphost.Process.Id);
        Assert.True(children.Count >= 3, $"expected the store, a worker and the gateway below the AppHost; found {children.Count}");

        // SIGKILL: the AppHost gets no chance to stop anything, and Linux tells its children nothing.
        apphost.Process.Kill();
        await apphost.Process.WaitForExitAsync(TestContext.Current.CancellationToken);

        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (children.Any(ProcessTree.IsRunning) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.DoesNotContain(children, ProcessTree.IsRunning);
    }

    [Fact]
    public async Task Evaluate_runs_the_evaluator_against_the_gateway_and_stops_the_stack()
    {
        var dataset = Fixtures.Root is { } root && File.Exists(Path.Combine(root, "data", "oasst-en_100_tree.jsonl"))
            ? Path.Combine(root, "data", "oasst-en_100_tree.jsonl") : null;
        Assert.SkipWhen(dataset is null, "the oasst fixture (../shared/fixtures/data) is not available");
        var results = Directory.CreateTempSubdirectory("edgeaspire-eval-").FullName;
        try
        {
            using var apphost = await AppHostProcess.RunAsync(
                ["--model-file", Fixtures.SyntheticModel(GgmlType.F32), "evaluate", "conversations", "--dataset", dataset!, "--conversations", "1", "--max-tokens", "4", "--out", results],
                TimeSpan.FromMinutes(3));

            Assert.True(apphost.Process.ExitCode == 0, apphost.Output);
            Assert.Contains("\"ok\":true", apphost.Output, StringComparison.Ordinal);
            Assert.Contains("--endpoint http://127.0.0.1:", apphost.Output, StringComparison.Ordinal);
            Assert.Single(Directory.GetDirectories(results));
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
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
    [InlineData("--bogus")]
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

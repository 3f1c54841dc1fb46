using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The runner on real processes: ModelStore, two workers on different models, and the gateway in front.</summary>
public sealed class LocalRunnerTests
{
    [Fact]
    public async Task Gateway_routes_each_model_to_the_worker_that_serves_it()
    {
        await using var composition = new TestComposition();
        var first = Fixtures.SyntheticModel(GgmlType.F32);
        var second = Fixtures.SharedModel("stories260K.gguf") ?? Fixtures.SyntheticModel(GgmlType.Q8_0);
        var store = composition.AddStore();
        var workerA = composition.Builder.AddPromptApi("worker-a").WithModelFile(first).WaitFor(store);
        var workerB = composition.Builder.AddPromptApi("worker-b").WithModelFile(second).WaitFor(store);
        composition.AddGateway(workerA, workerB);

        await composition.StartAsync();

        var gateway = composition.App.GetEndpoint("gateway");
        var idA = Path.GetFileNameWithoutExtension(first);
        var idB = Path.GetFileNameWithoutExtension(second);
        Assert.Equal(new[] { idA, idB }.Order(StringComparer.Ordinal), (await Chat.ModelsAsync(gateway)).Order(StringComparer.Ordinal));
        // Each worker knows only its own model, so a request routed to the wrong one would fail with 404.
        Assert.Equal([idA], await Chat.ModelsAsync(composition.App.GetEndpoint("worker-a")));
        Assert.Equal([idB], await Chat.ModelsAsync(composition.App.GetEndpoint("worker-b")));
        foreach (var id in new[] { idA, idB, idA })
        {
            var (status, body) = await Chat.SendAsync(gateway, id);
            Assert.Equal(200, status);
            Assert.Equal(id, body.GetProperty("model").GetString());
            Assert.True(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        }
        var (unknown, _) = await Chat.SendAsync(gateway, "no-such-model");
        Assert.Equal(404, unknown);
        Assert.All(composition.App.ResourceStates.GetSnapshots(), s => Assert.Equal(ResourceState.Running, s.State));
    }

    [Fact]
    public async Task A_killed_worker_is_detected_and_restarted()
    {
        await using var composition = new TestComposition();
        var model = Fixtures.SyntheticModel(GgmlType.F32);
        var worker = composition.Builder.AddPromptApi("worker").WithModelFile(model);
        composition.AddGateway(worker);
        await composition.StartAsync();
        var states = composition.App.ResourceStates;
        var before = states.GetSnapshots().Single(s => s.Name == "worker");
        var restarted = new TaskCompletionSource<ResourceSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        states.Changed += (_, s) =>
        {
            if (s is { Name: "worker", State: ResourceState.Running, Restarts: 1 })
            {
                restarted.TrySetResult(s);
            }
        };

        System.Diagnostics.Process.GetProcessById(before.ProcessId!.Value).Kill();
        var after = await restarted.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.Equal(before.Url, after.Url);
        Assert.Contains("worker exited with code 137; restarting it in", composition.Output, StringComparison.Ordinal);
        // The gateway notices the worker is back at its next probe.
        var id = Path.GetFileNameWithoutExtension(model);
        var status = 0;
        for (var attempt = 0; attempt < 40 && status != 200; attempt++)
        {
            (status, _) = await Chat.SendAsync(composition.App.GetEndpoint("gateway"), id);
            if (status != 200)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }
        Assert.Equal(200, status);
    }
}

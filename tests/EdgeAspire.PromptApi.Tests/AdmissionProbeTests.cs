using System.Net;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Admission;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>The admission probe loads an unknown file in a child process first: a file that kills llama.cpp kills
/// only the child and is refused; a healthy one is served, and probed once.</summary>
public sealed class AdmissionProbeTests
{
    [Fact]
    public async Task A_file_that_aborts_llama_cpp_kills_only_the_probe_and_is_refused()
    {
        // Given straight to the probe, past the managed checks that would refuse it: a NaN RMS epsilon loads, then
        // fails ggml's assert at the first decode and aborts the process.
        var path = ModelCorruptions.Write("epsilon-nan");

        var refusal = await ProbeProcess.RunAsync(path, libraryPath: null, TimeSpan.FromMinutes(2)).WaitAsync(TestModels.Timeout(150));

        Assert.NotNull(refusal);
        Assert.Contains("SIGABRT", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_probes_a_new_file_once_then_serves_it()
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["a"] = TestModels.Require(TestModels.Synthetic), ["b"] = TestModels.Require(TestModels.Synthetic) },
            new Dictionary<string, string> { ["AdmissionProbe"] = "true" });
        var probes = server.Services.GetRequiredService<AdmissionProbe>();

        var first = await Http.PostAsync(server.Client, "/v1/chat/completions", new { model = "a", max_tokens = 1, messages = new[] { new { role = "user", content = "Hi" } } }, TestModels.Timeout());
        var sameFile = await Http.PostAsync(server.Client, "/v1/chat/completions", new { model = "b", max_tokens = 1, messages = new[] { new { role = "user", content = "Hi" } } }, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, sameFile.Status);
        Assert.Equal(1, probes.ProbesRun);
    }

    [Fact]
    public async Task One_probe_child_serves_file_after_file_until_a_file_kills_it()
    {
        using var host = new ProbeHost(libraryPath: null);
        var healthy = TestModels.Require(TestModels.Synthetic);
        var timeout = TimeSpan.FromMinutes(2);

        var first = await host.ProbeAsync(healthy, timeout).WaitAsync(TestModels.Timeout(150));
        var second = await host.ProbeAsync(healthy, timeout).WaitAsync(TestModels.Timeout(150));
        var startedBeforeTheCrash = host.Started;
        var killer = await host.ProbeAsync(ModelCorruptions.Write("epsilon-nan"), timeout).WaitAsync(TestModels.Timeout(150));
        var afterTheCrash = await host.ProbeAsync(healthy, timeout).WaitAsync(TestModels.Timeout(150));

        Assert.True(first is null && second is null, first ?? second);
        Assert.Equal(1, startedBeforeTheCrash);
        Assert.Contains("SIGABRT", killer, StringComparison.Ordinal);
        Assert.True(afterTheCrash is null, afterTheCrash);
        Assert.Equal(2, host.Started);
    }

    [Fact]
    public async Task An_idle_probe_child_is_stopped_and_the_next_file_starts_another()
    {
        using var host = new ProbeHost(libraryPath: null, idleTime: TimeSpan.FromMilliseconds(200));
        var healthy = TestModels.Require(TestModels.Synthetic);

        var first = await host.ProbeAsync(healthy, TimeSpan.FromMinutes(2)).WaitAsync(TestModels.Timeout(150));
        var stopped = TestModels.Timeout(30);
        while (host.IsRunning)
        {
            await Task.Delay(50, stopped);
        }
        var second = await host.ProbeAsync(healthy, TimeSpan.FromMinutes(2)).WaitAsync(TestModels.Timeout(150));

        Assert.True(first is null && second is null, first ?? second);
        Assert.Equal(2, host.Started);
    }

    [Fact]
    public async Task A_healthy_file_passes_the_probe()
    {
        var refusal = await ProbeProcess.RunAsync(TestModels.Require(TestModels.Synthetic), libraryPath: null, TimeSpan.FromMinutes(2))
            .WaitAsync(TestModels.Timeout(150));

        Assert.True(refusal is null, refusal);
    }

    [Fact]
    public async Task A_file_the_probe_cannot_finish_in_time_is_refused_as_a_hang_and_not_loaded()
    {
        // No process starts the runtime, loads a model and decodes within 10 ms: the probe is stopped at its
        // deadline, as one that llama.cpp hangs in would be.
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["m"] = TestModels.Require(TestModels.Synthetic) },
            new Dictionary<string, string> { ["AdmissionProbeTimeout"] = "00:00:00.010" });

        var reply = await Http.PostAsync(server.Client, "/v1/chat/completions",
            new { model = "m", max_tokens = 1, messages = new[] { new { role = "user", content = "Hi" } } }, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_model_file", reply.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("within 00:00:00.0100000", reply.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Models.Loaded);
    }
}

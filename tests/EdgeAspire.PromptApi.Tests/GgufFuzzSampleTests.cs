using System.Diagnostics;
using EdgeAspire.Benchmarks.Fuzzing;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>A sample of the GGUF fuzzer's run (bench <c>fuzz</c>, docs/robustness.md) against a real PromptApi with
/// its admission probe: every variant is served or refused with an OpenAI-shaped 4xx, none gets a 5xx or hangs, and
/// none kills the server (which here would end the test process).</summary>
public sealed class GgufFuzzSampleTests
{
    private const int Variants = 200;
    private const int RunSeed = 17;

    [Fact]
    public async Task Two_hundred_mutated_models_are_each_served_or_refused_with_a_4xx_in_OpenAI_shape()
    {
        // Models this project writes, so the sample runs without the shared fixtures.
        GgufSeed[] seeds = [GgufSeed.Load(Fixtures.SyntheticModel(GgmlType.F32)), GgufSeed.Load(Fixtures.SyntheticModel(GgmlType.Q8_0))];
        await using var server = new PromptApiServer(new Dictionary<string, string> { ["control"] = TestModels.Require(TestModels.Synthetic) },
            new Dictionary<string, string> { ["ContextSize"] = "128", ["ParallelSequences"] = "1", ["Threads"] = "1", ["MemoryBudget"] = $"{256L << 20}" });
        using var log = new StringWriter();
        var clock = Stopwatch.StartNew();

        var report = await new FuzzRunner(new InProcessTarget(server), TimeSpan.FromSeconds(30), log)
            .RunAsync(seeds, RunSeed, Enumerable.Range(0, Variants), TestModels.Timeout(120));

        TestContext.Current.SendDiagnosticMessage($"{report.ToText()} in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(report.Passed, $"{report.ToText()}\n{log}");
        Assert.Equal(Variants, report.Variants);
        // Neither all served nor all refused: the mutations reach past the reader, and the checks refuse.
        Assert.InRange(report.Served, 1, Variants - 1);
        Assert.Equal(Variants - report.Served, report.RefusedByCode.Values.Sum());
    }

    /// <summary>The in-process server: a native crash would end the test process itself, so there is no death to
    /// see and no restart to do.</summary>
    private sealed class InProcessTarget(PromptApiServer server) : IFuzzTarget
    {
        public HttpClient Client => server.Client;

        public string ModelsFolder => server.ModelsFolder;

        public string? Death => null;

        public Task RestartAsync() => Task.CompletedTask;
    }
}

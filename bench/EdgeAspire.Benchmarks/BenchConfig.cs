using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EdgeAspire.Benchmarks;

/// <summary>One invocation per iteration (an operation takes seconds on a 0.5B model), in this process: the
/// native libraries and synthetic models are already here.</summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(new TokensPerSecondColumn());
    }
}

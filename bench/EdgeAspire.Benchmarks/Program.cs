using BenchmarkDotNet.Running;
using EdgeAspire.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args);

using System.Globalization;
using BenchmarkDotNet.Running;
using EdgeAspire.Benchmarks;

if (args is ["paired", ..])
{
    await PairedComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15, args.Length > 2 ? args[2] : null);
    return;
}
if (args is ["download", ..])
{
    await DownloadComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args);

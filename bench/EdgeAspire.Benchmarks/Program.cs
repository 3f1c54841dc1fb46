using System.Globalization;
using BenchmarkDotNet.Running;
using EdgeAspire.Benchmarks;
using EdgeAspire.Benchmarks.Fuzzing;

if (args is ["paired", ..])
{
    await PairedComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15, args.Length > 2 ? args[2] : null);
    return 0;
}
if (args is ["grammar", ..])
{
    await GrammarCostComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15, args.Length > 2 ? args[2] : null);
    return 0;
}
if (args is ["download", ..])
{
    await DownloadComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9);
    return 0;
}
if (args is ["fuzz", ..])
{
    return await GgufFuzzCommand.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args);
return 0;

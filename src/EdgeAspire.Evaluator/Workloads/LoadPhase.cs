using System.Globalization;

namespace EdgeAspire.Evaluator.Workloads;

/// <summary>A load level: <c>closed</c> with N clients sending back to back, or <c>open</c> with Poisson arrivals at
/// a rate in requests per second.</summary>
public sealed record LoadPhase(string Mode, double Level)
{
    public string Name => $"{Mode}-{Level.ToString("0.###", CultureInfo.InvariantCulture)}";
}

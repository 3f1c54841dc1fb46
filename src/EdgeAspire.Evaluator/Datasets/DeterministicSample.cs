namespace EdgeAspire.Evaluator.Datasets;

/// <summary>Seeded selection that gives the same items on every machine and .NET version: a Fisher–Yates shuffle
/// driven by SplitMix64 (System.Random's seeded sequence is an implementation detail).</summary>
public static class DeterministicSample
{
    public static IReadOnlyList<T> Take<T>(IReadOnlyList<T> items, int count, long seed)
    {
        var order = Enumerable.Range(0, items.Count).ToArray();
        var state = unchecked((ulong)seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return [.. order.Take(Math.Min(count, items.Count)).Select(i => items[i])];
    }

    /// <summary>A uniform double in [0, 1), for Poisson arrivals.</summary>
    public static double NextDouble(ref ulong state) => (Next(ref state) >> 11) * (1.0 / (1UL << 53));

    public static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

namespace EdgeAspire.Evaluator.Projection;

/// <summary>
/// Tokens per second a Raspberry Pi 5 (4 × Cortex-A76, LPDDR4X, 4 threads) would reach on a model: a projection from
/// the model's footprint and published llama.cpp figures, never a measurement. Decode is memory-bandwidth bound
/// (each token streams the weights once); prefill is compute bound (2 FLOPs per matrix parameter per token; the
/// attention over the context is left out, so long prompts come out optimistic). Sources and arithmetic:
/// docs/arm64.md#pi-5-projection.
/// </summary>
public static class Pi5Projection
{
    /// <summary>
    /// Bytes per second llama.cpp streams on a Pi 5: the median of three published decode rates times each model's
    /// weight bytes per token (geerlingguy/ai-benchmarks#7, Pi 5 16 GB, CPU, no firmware tweaks: Llama 3.2 3B
    /// Q4_K_M 4.51 tok/s → 9.1 GB/s, Llama 3.1 8B Q4_K_M 2.05 → 9.5 GB/s, Llama 2 13B Q4_0 1.35 → 9.8 GB/s);
    /// about 55 % of the LPDDR4X-4267 bus's 17.1 GB/s.
    /// </summary>
    public const double BytesPerSecond = 9.5e9;

    /// <summary>
    /// Matrix FLOPs per second in prefill, by weight type: Q4_0 from Llama 2 7B Q4_0 at 8.10 tok/s (llama.cpp pull
    /// request #6928, Pi 5 8 GB, 12.95 GFLOP per token); Q8_0 from TinyLlama 1.1B Q8_0 at 35 tok/s (llama.cpp of
    /// 2024-03-26 in "LLaMA Now Goes Faster on CPUs", justine.lol, 1.94 GFLOP per token). Other types have no
    /// published Pi 5 figure here: no prefill projection.
    /// </summary>
    public static IReadOnlyDictionary<string, double> FlopsPerSecond { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["Q4_0"] = 104.9e9,
        ["Q8_0"] = 67.8e9,
    };

    public const string Caveat = "projected from published Pi 5 llama.cpp figures, not measured";

    public static double DecodeTokensPerSecond(ModelFootprint model) => BytesPerSecond / model.WeightBytesPerToken;

    /// <summary>Null when the model's weight type has no calibration.</summary>
    public static double? PrefillTokensPerSecond(ModelFootprint model) =>
        model.WeightType is { } type && FlopsPerSecond.TryGetValue(type, out var flops) ? flops / (2.0 * model.MatmulParameters) : null;
}

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Deterministic pseudo-random weights. Each chunk of a tensor has its own generator seeded from (seed, tensor,
/// chunk), so chunks can be made on any thread in any order and the values do not depend on the element type:
/// the Q4_0 file of a seed holds the quantised weights of the F32 file of the same seed.
/// </summary>
internal static class SyntheticWeights
{
    /// <summary>Standard deviation of matrix weights: small enough that activations neither explode nor vanish.</summary>
    public const float StandardDeviation = 0.02f;

    // Each value is the sum of two uniform 16-bit draws: a triangular distribution on [-1, 1] with variance 1/6,
    // bell-shaped enough for weights and one 64-bit draw per two values.
    private static readonly float s_scale = StandardDeviation * MathF.Sqrt(6f) / 65535f;

    public static void Fill(Span<float> destination, int seed, int tensorIndex, long chunkIndex)
    {
        var state = Mix(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)tensorIndex << 40) ^ (ulong)chunkIndex);
        var i = 0;
        for (; i + 1 < destination.Length; i += 2)
        {
            var bits = Next(ref state);
            destination[i] = Triangular(bits);
            destination[i + 1] = Triangular(bits >> 32);
        }
        if (i < destination.Length)
        {
            destination[i] = Triangular(Next(ref state));
        }
    }

    private static float Triangular(ulong bits) => ((int)(bits & 0xFFFF) + (int)((bits >> 16) & 0xFFFF) - 65535) * s_scale;

    // SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and well mixed for non-cryptographic use.
    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using System.Buffers.Binary;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

public class GgmlQuantizerTests
{
    [Theory]
    [InlineData(GgmlType.Q8_0)]
    [InlineData(GgmlType.Q4_0)]
    public void Quantised_values_round_trip_within_the_format_error_bound(GgmlType type)
    {
        var values = RandomValues(32 * 64, seed: (int)type);
        var encoded = new byte[type.ByteSize(values.Length)];

        GgmlQuantizer.Encode(type, values, encoded);
        var decoded = type == GgmlType.Q8_0 ? GgmlDequantizer.Q8_0(encoded) : GgmlDequantizer.Q4_0(encoded);

        for (var block = 0; block < values.Length / 32; block++)
        {
            var slice = values.AsSpan(block * 32, 32);
            var bound = ErrorBound(type, MaxAbs(slice));
            for (var j = 0; j < 32; j++)
            {
                Assert.InRange(Math.Abs(decoded[(block * 32) + j] - slice[j]), 0, bound);
            }
        }
    }

    [Fact]
    public void Q4_0_puts_element_j_in_the_low_nibble_and_j_plus_16_in_the_high_nibble()
    {
        var values = new float[32];
        values[0] = -8f;   // the largest magnitude: d = -8 / -8 = 1, stored as q 0
        values[1] = 3f;    // q = 3 + 8 = 11
        values[16] = -2f;  // q = -2 + 8 = 6, high nibble of byte 0
        var encoded = new byte[18];

        GgmlQuantizer.Encode(GgmlType.Q4_0, values, encoded);

        Assert.Equal(1f, (float)BinaryPrimitives.ReadHalfLittleEndian(encoded));
        Assert.Equal(0x60, encoded[2]);
        Assert.Equal(0x8B, encoded[3]);
        Assert.Equal(0x88, encoded[4]);
    }

    [Fact]
    public void Q8_0_scale_is_max_magnitude_over_127_and_rounds_halves_away_from_zero()
    {
        var values = new float[32];
        values[0] = 127f;
        values[1] = -2.5f;
        values[2] = 2.5f;
        var encoded = new byte[34];

        GgmlQuantizer.Encode(GgmlType.Q8_0, values, encoded);

        Assert.Equal(1f, (float)BinaryPrimitives.ReadHalfLittleEndian(encoded));
        Assert.Equal([127, -3, 3, 0], encoded[2..6].Select(b => (int)(sbyte)b));
    }

    [Fact]
    public void All_zero_block_encodes_to_zero()
    {
        var encoded = new byte[18];

        GgmlQuantizer.Encode(GgmlType.Q4_0, new float[32], encoded);

        // d = 0 / -8 is -0 in ggml too; every q is then 8, i.e. zero.
        Assert.Equal(0f, (float)BinaryPrimitives.ReadHalfLittleEndian(encoded));
        Assert.All(encoded[2..], b => Assert.Equal(0x88, b));
    }

    [Fact]
    public void F16_is_the_nearest_half()
    {
        var encoded = new byte[4];

        GgmlQuantizer.Encode(GgmlType.F16, [1f / 3, -65504f], encoded);

        Assert.Equal((Half)(1f / 3), BinaryPrimitives.ReadHalfLittleEndian(encoded));
        Assert.Equal(Half.MinValue, BinaryPrimitives.ReadHalfLittleEndian(encoded.AsSpan(2)));
    }

    private static float[] RandomValues(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * 0.1)).ToArray();
    }

    /// <summary>
    /// Q8_0: half a step (amax / 127) from rounding. Q4_0: 16 levels for [-8d, 7d] with d = amax / 8, so half a
    /// step inside and a full step at the clamped top. Both plus the fp16 rounding of the scale (2^-11 relative,
    /// times the largest |q|).
    /// </summary>
    private static float ErrorBound(GgmlType type, float maxAbs)
    {
        var (step, stepsFromRounding, maxQ) = type == GgmlType.Q8_0 ? (maxAbs / 127, 0.5f, 127) : (maxAbs / 8, 1f, 8);
        return (stepsFromRounding * step) + (maxQ * step / 2048) + 1e-7f;
    }

    private static float MaxAbs(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }
        return max;
    }
}

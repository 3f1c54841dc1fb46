using System.Buffers.Binary;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

public class GgmlQuantizerTests
{
    [Fact]
    public void Q8_0_round_trips_within_half_a_step()
    {
        var values = RandomValues(32 * 64, seed: 3);
        var encoded = new byte[GgmlType.Q8_0.ByteSize(values.Length)];

        GgmlQuantizer.Encode(GgmlType.Q8_0, values, encoded);
        var decoded = GgmlDequantizer.Q8_0(encoded);

        for (var block = 0; block < values.Length / 32; block++)
        {
            var slice = values.AsSpan(block * 32, 32);
            var step = MaxAbs(slice) / 127;
            // Half a step from rounding, plus the fp16 rounding of the scale (relative 2^-11, times |q| ≤ 127).
            var bound = (0.5f * step) + (127 * step / 2048) + 1e-7f;
            for (var j = 0; j < 32; j++)
            {
                Assert.InRange(Math.Abs(decoded[(block * 32) + j] - slice[j]), 0, bound);
            }
        }
    }

    [Fact]
    public void Q4_0_round_trips_within_one_step()
    {
        var values = RandomValues(32 * 64, seed: 4);
        var encoded = new byte[GgmlType.Q4_0.ByteSize(values.Length)];

        GgmlQuantizer.Encode(GgmlType.Q4_0, values, encoded);
        var decoded = GgmlDequantizer.Q4_0(encoded);

        for (var block = 0; block < values.Length / 32; block++)
        {
            var slice = values.AsSpan(block * 32, 32);
            var step = MaxAbs(slice) / 8;
            // 16 levels for [-8d, 7d]: half a step inside, a full step at the clamped top, plus fp16 scale rounding.
            var bound = step + (8 * step / 2048) + 1e-7f;
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

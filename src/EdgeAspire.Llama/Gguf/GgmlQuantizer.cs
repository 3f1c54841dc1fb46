using System.Buffers.Binary;

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Encodes F32 values as the ggml types <see cref="GgufWriter"/> writes. Q8_0 and Q4_0 follow ggml-quants.c's
/// reference quantisers (quantize_row_q8_0_ref / quantize_row_q4_0_ref), so llama.cpp decodes what we meant.
/// </summary>
internal static class GgmlQuantizer
{
    public const int BlockSize = 32;

    /// <summary>Encodes <paramref name="values"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(GgmlType type, ReadOnlySpan<float> values, Span<byte> destination)
    {
        var bytes = (int)type.ByteSize(values.Length);
        switch (type)
        {
            case GgmlType.F32:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], values[i]);
                }
                break;
            case GgmlType.F16:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)values[i]);
                }
                break;
            case GgmlType.Q8_0:
                ForEachBlock(values, destination, 34, QuantizeQ8_0Block);
                break;
            case GgmlType.Q4_0:
                ForEachBlock(values, destination, 18, QuantizeQ4_0Block);
                break;
            default:
                throw new ArgumentException($"cannot encode {type}; only F32, F16, Q8_0 and Q4_0", nameof(type));
        }
        return bytes;
    }

    private delegate void BlockQuantizer(ReadOnlySpan<float> block, Span<byte> destination);

    private static void ForEachBlock(ReadOnlySpan<float> values, Span<byte> destination, int blockBytes, BlockQuantizer quantize)
    {
        for (var block = 0; block < values.Length / BlockSize; block++)
        {
            quantize(values.Slice(block * BlockSize, BlockSize), destination.Slice(block * blockBytes, blockBytes));
        }
    }

    /// <summary>block_q8_0: fp16 scale d = amax / 127, then 32 int8 q with x ≈ q·d.</summary>
    private static void QuantizeQ8_0Block(ReadOnlySpan<float> x, Span<byte> y)
    {
        var amax = 0f;
        foreach (var v in x)
        {
            amax = MathF.Max(amax, MathF.Abs(v));
        }
        var d = amax / 127;
        var id = d != 0 ? 1 / d : 0;
        BinaryPrimitives.WriteHalfLittleEndian(y, (Half)d);
        for (var j = 0; j < BlockSize; j++)
        {
            // roundf rounds halves away from zero.
            y[2 + j] = unchecked((byte)(sbyte)MathF.Round(x[j] * id, MidpointRounding.AwayFromZero));
        }
    }

    /// <summary>
    /// block_q4_0: fp16 scale d = max / -8 (max is the value of largest magnitude, sign kept), then 16 bytes:
    /// element j in the low nibble of byte j and element j+16 in the high nibble, x ≈ (q − 8)·d.
    /// </summary>
    private static void QuantizeQ4_0Block(ReadOnlySpan<float> x, Span<byte> y)
    {
        float amax = 0, max = 0;
        foreach (var v in x)
        {
            if (amax < MathF.Abs(v))
            {
                amax = MathF.Abs(v);
                max = v;
            }
        }
        var d = max / -8;
        var id = d != 0 ? 1 / d : 0;
        BinaryPrimitives.WriteHalfLittleEndian(y, (Half)d);
        for (var j = 0; j < BlockSize / 2; j++)
        {
            // (int8_t)(x + 8.5f) truncates toward zero; x·id + 8.5 is never negative here, so that is a floor.
            var low = Math.Min(15, (int)((x[j] * id) + 8.5f));
            var high = Math.Min(15, (int)((x[j + (BlockSize / 2)] * id) + 8.5f));
            y[2 + j] = (byte)(low | (high << 4));
        }
    }
}

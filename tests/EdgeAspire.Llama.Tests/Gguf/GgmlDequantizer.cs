using System.Buffers.Binary;

namespace EdgeAspire.Llama.Tests.Gguf;

/// <summary>
/// Test-side decoders written from the block layouts in ggml-common.h (dequantize_row_q8_0/q4_0 in
/// ggml-quants.c), independent of the writer's encoders, so the two check each other.
/// </summary>
internal static class GgmlDequantizer
{
    public static float[] Q8_0(ReadOnlySpan<byte> blocks)
    {
        var values = new float[blocks.Length / 34 * 32];
        for (var b = 0; b < blocks.Length / 34; b++)
        {
            var block = blocks.Slice(b * 34, 34);
            var d = (float)BinaryPrimitives.ReadHalfLittleEndian(block);
            for (var j = 0; j < 32; j++)
            {
                values[(b * 32) + j] = (sbyte)block[2 + j] * d;
            }
        }
        return values;
    }

    public static float[] Q4_0(ReadOnlySpan<byte> blocks)
    {
        var values = new float[blocks.Length / 18 * 32];
        for (var b = 0; b < blocks.Length / 18; b++)
        {
            var block = blocks.Slice(b * 18, 18);
            var d = (float)BinaryPrimitives.ReadHalfLittleEndian(block);
            for (var j = 0; j < 16; j++)
            {
                values[(b * 32) + j] = ((block[2 + j] & 0x0F) - 8) * d;
                values[(b * 32) + j + 16] = ((block[2 + j] >> 4) - 8) * d;
            }
        }
        return values;
    }
}

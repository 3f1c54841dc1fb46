namespace EdgeAspire.Llama.Gguf;

/// <summary>Block geometry of each <see cref="GgmlType"/>, as in ggml.c's <c>type_traits</c> table.</summary>
public static class GgmlTypeExtensions
{
    // QK_K in ggml-common.h: the super-block of the k-quants and most i-quants.
    private const int SuperBlock = 256;

    public static bool IsKnown(this GgmlType type) => Geometry(type).BlockSize != 0;

    /// <summary>Elements per block: 1 for plain types, 32 for Q4_0/Q8_0, 256 for k-quants.</summary>
    public static int BlockSize(this GgmlType type) => Known(type).BlockSize;

    public static int BytesPerBlock(this GgmlType type) => Known(type).BytesPerBlock;

    public static bool IsQuantized(this GgmlType type) => Known(type).BlockSize > 1;

    /// <summary>Bytes that <paramref name="elementCount"/> elements take; the count must be whole blocks.</summary>
    public static long ByteSize(this GgmlType type, long elementCount)
    {
        var (blockSize, bytesPerBlock) = Known(type);
        ArgumentOutOfRangeException.ThrowIfNegative(elementCount);
        if (elementCount % blockSize != 0)
        {
            throw new ArgumentException($"{elementCount} elements are not whole {type} blocks of {blockSize}", nameof(elementCount));
        }
        return checked(elementCount / blockSize * bytesPerBlock);
    }

    private static (int BlockSize, int BytesPerBlock) Known(GgmlType type)
    {
        var geometry = Geometry(type);
        return geometry.BlockSize != 0
            ? geometry
            : throw new ArgumentOutOfRangeException(nameof(type), type, "not a ggml type this build knows");
    }

    // Sizes are sizeof(block_xxx) in ggml-common.h (gguf-py's GGML_QUANT_SIZES lists the same numbers).
    private static (int BlockSize, int BytesPerBlock) Geometry(GgmlType type) => type switch
    {
        GgmlType.F32 or GgmlType.I32 => (1, 4),
        GgmlType.F16 or GgmlType.BF16 or GgmlType.I16 => (1, 2),
        GgmlType.F64 or GgmlType.I64 => (1, 8),
        GgmlType.I8 => (1, 1),
        GgmlType.Q4_0 or GgmlType.IQ4_NL => (32, 2 + 16),
        GgmlType.Q4_1 => (32, 2 + 2 + 16),
        GgmlType.Q5_0 => (32, 2 + 4 + 16),
        GgmlType.Q5_1 => (32, 2 + 2 + 4 + 16),
        GgmlType.Q8_0 => (32, 2 + 32),
        GgmlType.Q8_1 => (32, 2 + 2 + 32),
        GgmlType.MXFP4 => (32, 1 + 16),
        GgmlType.NVFP4 => (64, 4 + 32),
        GgmlType.Q1_0 => (128, 2 + 16),
        GgmlType.Q2_0 => (64, 2 + 16),
        GgmlType.Q2_K => (SuperBlock, 2 + 2 + (SuperBlock / 16) + (SuperBlock / 4)),
        GgmlType.Q3_K => (SuperBlock, 2 + (SuperBlock / 4) + (SuperBlock / 8) + 12),
        GgmlType.Q4_K => (SuperBlock, 2 + 2 + (SuperBlock / 2) + 12),
        GgmlType.Q5_K => (SuperBlock, 2 + 2 + (SuperBlock / 2) + (SuperBlock / 8) + 12),
        GgmlType.Q6_K => (SuperBlock, 2 + (SuperBlock / 2) + (SuperBlock / 4) + (SuperBlock / 16)),
        GgmlType.Q8_K => (SuperBlock, 4 + SuperBlock + (SuperBlock / 8)),
        GgmlType.IQ2_XXS => (SuperBlock, 2 + (SuperBlock / 4)),
        GgmlType.IQ2_XS => (SuperBlock, 2 + (SuperBlock / 4) + (SuperBlock / 32)),
        GgmlType.IQ3_XXS => (SuperBlock, 2 + (SuperBlock / 4) + (SuperBlock / 8)),
        GgmlType.IQ1_S => (SuperBlock, 2 + (SuperBlock / 8) + (SuperBlock / 16)),
        GgmlType.IQ3_S => (SuperBlock, 2 + (SuperBlock / 4) + (SuperBlock / 8) + (SuperBlock / 32) + 4),
        GgmlType.IQ2_S => (SuperBlock, 2 + (SuperBlock / 4) + (SuperBlock / 16)),
        GgmlType.IQ4_XS => (SuperBlock, 2 + 2 + (SuperBlock / 2) + (SuperBlock / 64)),
        GgmlType.IQ1_M => (SuperBlock, (SuperBlock / 8) + (SuperBlock / 16) + (SuperBlock / 32)),
        GgmlType.TQ1_0 => (SuperBlock, 2 + (4 * 13)),
        GgmlType.TQ2_0 => (SuperBlock, 2 + 64),
        _ => (0, 0),
    };
}

using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

public class GgmlTypeTests
{
    [Theory]
    [InlineData(GgmlType.F32, 0, 1, 4)]
    [InlineData(GgmlType.F16, 1, 1, 2)]
    [InlineData(GgmlType.Q4_0, 2, 32, 18)]
    [InlineData(GgmlType.Q4_1, 3, 32, 20)]
    [InlineData(GgmlType.Q5_0, 6, 32, 22)]
    [InlineData(GgmlType.Q5_1, 7, 32, 24)]
    [InlineData(GgmlType.Q8_0, 8, 32, 34)]
    [InlineData(GgmlType.Q8_1, 9, 32, 36)]
    [InlineData(GgmlType.Q2_K, 10, 256, 84)]
    [InlineData(GgmlType.Q3_K, 11, 256, 110)]
    [InlineData(GgmlType.Q4_K, 12, 256, 144)]
    [InlineData(GgmlType.Q5_K, 13, 256, 176)]
    [InlineData(GgmlType.Q6_K, 14, 256, 210)]
    [InlineData(GgmlType.Q8_K, 15, 256, 292)]
    [InlineData(GgmlType.IQ2_XXS, 16, 256, 66)]
    [InlineData(GgmlType.IQ4_NL, 20, 32, 18)]
    [InlineData(GgmlType.IQ4_XS, 23, 256, 136)]
    [InlineData(GgmlType.I8, 24, 1, 1)]
    [InlineData(GgmlType.I64, 27, 1, 8)]
    [InlineData(GgmlType.F64, 28, 1, 8)]
    [InlineData(GgmlType.IQ1_M, 29, 256, 56)]
    [InlineData(GgmlType.BF16, 30, 1, 2)]
    [InlineData(GgmlType.MXFP4, 39, 32, 17)]
    public void Type_ids_and_block_geometry_match_ggml(GgmlType type, int id, int blockSize, int bytesPerBlock)
    {
        Assert.Equal(id, (int)type);
        Assert.Equal(blockSize, type.BlockSize());
        Assert.Equal(bytesPerBlock, type.BytesPerBlock());
    }

    [Fact]
    public void Every_named_type_is_known_and_removed_ids_are_not()
    {
        Assert.All(Enum.GetValues<GgmlType>(), type => Assert.True(type.IsKnown()));
        Assert.False(((GgmlType)4).IsKnown());
        Assert.False(((GgmlType)31).IsKnown());
    }

    [Fact]
    public void Byte_size_needs_whole_blocks()
    {
        Assert.Equal(4096 / 32 * 18, GgmlType.Q4_0.ByteSize(4096));
        Assert.Throws<ArgumentException>(() => GgmlType.Q4_K.ByteSize(128));
    }
}

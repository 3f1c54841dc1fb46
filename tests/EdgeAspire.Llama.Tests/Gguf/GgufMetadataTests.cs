using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

public class GgufMetadataTests
{
    private static readonly GgufMetadata s_metadata = GgufReader.Read(new MemoryStream(GgufTestFiles.Build(
    [
        ("u8", GgufValueType.U8, (byte)200),
        ("i8", GgufValueType.I8, (sbyte)-5),
        ("u16", GgufValueType.U16, (ushort)60000),
        ("i16", GgufValueType.I16, (short)-300),
        ("u32", GgufValueType.U32, 4_000_000_000u),
        ("i32", GgufValueType.I32, -7),
        ("u64", GgufValueType.U64, ulong.MaxValue),
        ("i64", GgufValueType.I64, -(1L << 40)),
        ("f32", GgufValueType.F32, 0.5f),
        ("f64", GgufValueType.F64, 0.25),
        ("bool", GgufValueType.Bool, true),
        ("str", GgufValueType.Str, "héllo"),
        ("bools", GgufValueType.Arr, new GgufArray(GgufValueType.Bool, new[] { true, false })),
        ("u64s", GgufValueType.Arr, new GgufArray(GgufValueType.U64, new ulong[] { 1, 2 })),
    ]))).Metadata;

    [Fact]
    public void Every_scalar_type_reads_back_as_its_clr_type_in_file_order()
    {
        Assert.Equal(["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64", "bool", "str", "bools", "u64s"], s_metadata.Keys);
        Assert.Equal((byte)200, s_metadata["u8"].Value);
        Assert.Equal((sbyte)-5, s_metadata["i8"].Value);
        Assert.Equal((ushort)60000, s_metadata["u16"].Value);
        Assert.Equal((short)-300, s_metadata["i16"].Value);
        Assert.Equal(ulong.MaxValue, s_metadata["u64"].Value);
        Assert.Equal("héllo", s_metadata.GetString("str"));
        Assert.True(s_metadata.GetBool("bool"));
        Assert.Equal(new[] { true, false }, s_metadata.GetArray<bool>("bools"));
        Assert.Equal(new ulong[] { 1, 2 }, s_metadata.GetArray<ulong>("u64s"));
    }

    [Fact]
    public void Integer_getters_widen_any_integer_that_fits()
    {
        Assert.Equal(200u, s_metadata.GetUInt32("u8"));
        Assert.Equal(-300, s_metadata.GetInt32("i16"));
        Assert.Equal(4_000_000_000L, s_metadata.GetInt64("u32"));
        Assert.Equal(-(1L << 40), s_metadata.GetInt64("i64"));
        Assert.False(s_metadata.TryGetUInt32("i32", out _));
        Assert.False(s_metadata.TryGetInt32("u32", out _));
        Assert.False(s_metadata.TryGetInt64("u64", out _));
    }

    [Fact]
    public void Float_getters_accept_both_widths()
    {
        Assert.Equal(0.5f, s_metadata.GetFloat("f32"));
        Assert.Equal(0.25, s_metadata.GetDouble("f64"));
        Assert.False(s_metadata.TryGetFloat("u8", out _));
    }

    [Fact]
    public void Missing_and_mistyped_keys_throw_or_return_false()
    {
        Assert.Throws<KeyNotFoundException>(() => s_metadata.GetString("absent"));
        var error = Assert.Throws<InvalidCastException>(() => s_metadata.GetString("u8"));
        Assert.Contains("'u8' is U8", error.Message, StringComparison.Ordinal);
        Assert.False(s_metadata.TryGetString("u8", out _));
        Assert.False(s_metadata.TryGetArray<int>("bools", out _));
        Assert.False(s_metadata.TryGetBool("str", out _));
    }
}

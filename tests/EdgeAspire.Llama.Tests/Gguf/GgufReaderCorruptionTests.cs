using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

/// <summary>Malformed input must end in a GgufFormatException that says where and why, never a crash or a hang.</summary>
public class GgufReaderCorruptionTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Sources => new("synthetic", "stories260K.gguf");

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Truncation_at_every_byte_of_the_header_and_inside_the_data_is_rejected(string source)
    {
        var bytes = await File.ReadAllBytesAsync(SourcePath(source), TestContext.Current.CancellationToken);
        var dataOffset = GgufReader.Read(new MemoryStream(bytes)).DataOffset;
        // Every byte up to the data section includes every section boundary: after the magic, the version,
        // each count, each key/value pair and each tensor info; then some cuts inside the tensor data.
        var cuts = Enumerable.Range(0, (int)dataOffset + 1).Select(cut => (long)cut)
            .Concat([dataOffset + 1, dataOffset + 100, bytes.Length / 2, bytes.Length - 1]);

        await Task.Run(() =>
        {
            foreach (var cut in cuts)
            {
                var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes, 0, (int)cut)));
                Assert.InRange(error.Offset, 0, cut);
                Assert.Matches("end of (the )?file|past the end|left in the file", error.Reason);
            }
        }, TestContext.Current.CancellationToken).WaitAsync(s_timeout, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(4, 4, "end of file while reading the version")]
    [InlineData(8, 8, "end of file while reading the tensor count")]
    [InlineData(16, 16, "end of file while reading the metadata key/value count")]
    // With the counts read, a count that cannot fit in the bytes left is refused at the count itself.
    [InlineData(24, 16, "key/value count 1 cannot fit in the 0 bytes left")]
    [InlineData(40, 24, "key 0 length 12 runs past the end of the file")]
    public void Truncation_after_a_header_field_names_its_offset(int cut, int offset, string reason)
    {
        var bytes = GgufTestFiles.Build([("general.name", GgufValueType.Str, "x")]);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes, 0, cut)));

        Assert.Equal(offset, error.Offset);
        Assert.StartsWith($"invalid GGUF at byte {offset}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_magic_is_rejected_at_byte_zero()
    {
        var bytes = GgufTestFiles.Build([]);
        bytes[3] = (byte)'X';

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(0, error.Offset);
        Assert.Contains("magic", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(4u)]
    [InlineData(0x03000000u)]
    [InlineData(0xFFFFFFFFu)]
    public void Unsupported_version_is_rejected(uint version)
    {
        var bytes = GgufTestFiles.Build([]);
        GgufTestFiles.Patch(bytes, 4, version, 4);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(4, error.Offset);
        Assert.Contains($"version {version}", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_2_files_are_read_like_version_3()
    {
        var bytes = GgufTestFiles.Build([("general.name", GgufValueType.Str, "v2")]);
        GgufTestFiles.Patch(bytes, 4, 2, 4);

        var file = GgufReader.Read(new MemoryStream(bytes));

        Assert.Equal(2u, file.Version);
        Assert.Equal("v2", file.Metadata.GetString("general.name"));
    }

    [Theory]
    [InlineData(8, 1UL << 62, "tensor count")]
    [InlineData(8, 1000UL, "tensor count 1000 cannot fit")]
    [InlineData(16, 1UL << 62, "key/value count")]
    [InlineData(16, 0xFFFFFFFFFFFFFFFFUL, "key/value count")]
    [InlineData(16, 5000UL, "key/value count 5000 cannot fit")]
    public void Absurd_counts_are_rejected_before_allocating(int offset, ulong count, string reason)
    {
        var bytes = GgufTestFiles.Build([("general.name", GgufValueType.Str, "x")]);
        GgufTestFiles.Patch(bytes, offset, count);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(offset, error.Offset);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_string_length_is_rejected_with_the_limit()
    {
        var bytes = GgufTestFiles.Build([("k", GgufValueType.Str, "value")]);
        // header 24 + key length 8 + "k" 1 + type 4 = the value's length field.
        GgufTestFiles.Patch(bytes, 37, 1UL << 40);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(37, error.Offset);
        Assert.Equal($"invalid GGUF at byte 37: the string value of 'k' length {1UL << 40} exceeds the 1 MiB limit", error.Message);
    }

    [Theory]
    [InlineData(1UL << 40, "exceeds the 4096-byte key limit")]
    [InlineData(4000UL, "runs past the end of the file")]
    [InlineData(0UL, "key 0 is empty")]
    public void Bad_key_length_is_rejected(ulong length, string reason)
    {
        var bytes = GgufTestFiles.Build([("k", GgufValueType.U8, (byte)1)]);
        GgufTestFiles.Patch(bytes, 24, length);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(24, error.Offset);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1UL << 40, "exceeds the limit of 16777216")]
    [InlineData(1UL << 23, "needs more bytes than")]
    public void Huge_array_count_is_rejected(ulong count, string reason)
    {
        var bytes = GgufTestFiles.Build([("a", GgufValueType.Arr, new GgufArray(GgufValueType.U32, new uint[] { 1, 2, 3 }))]);
        // header 24 + key 9 + type 4 + element type 4 = the count field.
        GgufTestFiles.Patch(bytes, 41, count);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(41, error.Offset);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_arrays_round_trip_and_excessive_nesting_is_rejected()
    {
        var inner = new GgufArray(GgufValueType.I16, new short[] { -1, 2 });
        var nested = new GgufArray(GgufValueType.Arr, new[] { inner, new GgufArray(GgufValueType.Str, new[] { "a", "bc" }) });
        var file = GgufReader.Read(new MemoryStream(GgufTestFiles.Build([("n", GgufValueType.Arr, nested)])));

        var read = file.Metadata.GetArray<GgufArray>("n");
        Assert.Equal(new short[] { -1, 2 }, read[0].Items);
        Assert.Equal(new[] { "a", "bc" }, read[1].Items);

        var deep = new GgufArray(GgufValueType.U8, new byte[] { 1 });
        for (var level = 0; level < 5; level++)
        {
            deep = new GgufArray(GgufValueType.Arr, new[] { deep });
        }
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(GgufTestFiles.Build([("d", GgufValueType.Arr, deep)]))));
        Assert.Contains("nests deeper", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_value_type_is_rejected()
    {
        var bytes = GgufTestFiles.Build([("k", GgufValueType.U8, (byte)1)]);
        GgufTestFiles.Patch(bytes, 33, 13, 4);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(33, error.Offset);
        Assert.Contains("not a GGUF value type", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_are_rejected()
    {
        var bytes = GgufTestFiles.Build([("k", GgufValueType.U8, (byte)1), ("k", GgufValueType.U8, (byte)2)]);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(24 + 14, error.Offset);
        Assert.Contains("duplicate key 'k'", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GgufValueType.U64, 32UL, "must be U32")]
    [InlineData(GgufValueType.U32, 48u, "not a power of two")]
    [InlineData(GgufValueType.U32, 0u, "not a power of two")]
    public void Bad_alignment_is_rejected(GgufValueType type, object value, string reason)
    {
        var bytes = GgufTestFiles.Build([(GgufKeys.Alignment, type, value)]);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Equal(24, error.Offset);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<GgufTensorInfo, string> BadTensors => new()
    {
        { GgufTestFiles.Tensor("zero", [32, 0]), "dimension 1 is 0" },
        { GgufTestFiles.Tensor("negative", [-32]), "dimension 0 is -32" },
        { GgufTestFiles.Tensor("overflow", [1L << 40, 1L << 40]), "overflows a 64-bit element count" },
        { GgufTestFiles.Tensor("five", [1, 1, 1, 1, 1]), "has 5 dimensions" },
        { GgufTestFiles.Tensor("none", []), "has 0 dimensions" },
        { GgufTestFiles.Tensor("removed", [32], (GgmlType)4), "unknown ggml type 4" },
        { GgufTestFiles.Tensor("future", [32], (GgmlType)99), "unknown ggml type 99" },
        { GgufTestFiles.Tensor("partial", [33], GgmlType.Q4_0), "not whole Q4_0 blocks of 32" },
        { GgufTestFiles.Tensor(new string('n', 64), [32]), "exceeds the 63-byte tensor name limit" },
        { GgufTestFiles.Tensor("misaligned", [8], offset: 16), "not a multiple of the alignment 32" },
        { GgufTestFiles.Tensor("gap", [8], offset: 32), "should be 0" },
        { GgufTestFiles.Tensor("beyond", [8], offset: 1L << 40), "past the end" },
    };

    [Theory]
    [MemberData(nameof(BadTensors))]
    public void Bad_tensor_info_is_rejected(GgufTensorInfo tensor, string reason)
    {
        var bytes = GgufTestFiles.Build([("general.name", GgufValueType.Str, "t")], [tensor], dataBytes: 64);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.InRange(error.Offset, 24, bytes.Length);
    }

    [Fact]
    public void Tensor_data_beyond_the_end_of_the_file_is_rejected()
    {
        var tensor = GgufTestFiles.Tensor("big", [64, 64]);
        var bytes = GgufTestFiles.Build([], [tensor], dataBytes: 1000);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains("tensor 'big' data (16384 bytes at data offset 0) runs past the end", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_tensor_names_are_rejected()
    {
        var bytes = GgufTestFiles.Build([], [GgufTestFiles.Tensor("t", [8]), GgufTestFiles.Tensor("t", [8], offset: 32)]);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains("duplicate tensor 't'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_strings_is_decoded_leniently()
    {
        var bytes = GgufTestFiles.Build([("k", GgufValueType.Str, "ab")]);
        bytes[^2] = 0xFF;

        var file = GgufReader.Read(new MemoryStream(bytes));

        Assert.Equal("\uFFFDb", file.Metadata.GetString("k"));
    }

    [Fact]
    public void Non_seekable_stream_is_a_usage_error()
    {
        var stream = new GZipLikeStream(GgufTestFiles.Build([]));

        Assert.Throws<ArgumentException>(() => GgufReader.Read(stream));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Random_byte_flips_give_a_format_error_or_a_valid_file(string source)
    {
        var original = await File.ReadAllBytesAsync(SourcePath(source), TestContext.Current.CancellationToken);
        var headerEnd = (int)GgufReader.Read(new MemoryStream(original)).DataOffset;
        var random = new Random(20240601);
        var rejected = 0;

        await Task.Run(() =>
        {
            for (var iteration = 0; iteration < 500; iteration++)
            {
                var bytes = (byte[])original.Clone();
                for (var flip = random.Next(1, 9); flip > 0; flip--)
                {
                    // Mostly the header, where the structure is; sometimes anywhere.
                    var position = random.Next(4) == 0 ? random.Next(bytes.Length) : random.Next(headerEnd);
                    bytes[position] ^= (byte)(1 << random.Next(8));
                }
                try
                {
                    var file = GgufReader.Read(new MemoryStream(bytes));
                    Assert.True(file.TensorDataEnd <= file.FileSize);
                }
                catch (GgufFormatException error)
                {
                    Assert.StartsWith("invalid GGUF at byte ", error.Message, StringComparison.Ordinal);
                    rejected++;
                }
            }
        }, TestContext.Current.CancellationToken).WaitAsync(s_timeout, TestContext.Current.CancellationToken);

        Assert.InRange(rejected, 1, 500);
    }

    private static string SourcePath(string source) =>
        source == "synthetic" ? Fixtures.SyntheticModel() : Fixtures.RequireSharedModel(source);

    /// <summary>A readable stream that cannot seek, like a network or decompression stream.</summary>
    private sealed class GZipLikeStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

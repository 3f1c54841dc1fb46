using System.Security.Cryptography;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

public sealed class GgufWriterTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("edgeaspire-writer-");

    public void Dispose() => _directory.Delete(recursive: true);

    public static TheoryData<GgmlType> Types => new(GgufWriter.SupportedTypes);

    [Theory]
    [MemberData(nameof(Types))]
    public void Written_model_reads_back_with_its_shape_metadata_and_tensor_types(GgmlType type)
    {
        var shape = GgufPresets.Tiny;

        var file = GgufReader.Read(Fixtures.SyntheticModel(type));
        var info = file.ModelInfo;

        Assert.Equal(3u, file.Version);
        Assert.Equal(("llama", "tiny"), (info.Architecture, info.Name));
        Assert.Equal(
            (shape.ContextLength, shape.EmbeddingLength, shape.BlockCount, shape.HeadCount, shape.HeadCountKv, shape.FeedForwardLength, shape.VocabSize),
            (info.ContextLength!.Value, info.EmbeddingLength!.Value, info.BlockCount!.Value, info.HeadCount!.Value, info.HeadCountKv!.Value, info.FeedForwardLength!.Value, info.VocabSize!.Value));
        Assert.Equal(shape.HeadDimension, file.Metadata.GetInt32("llama.rope.dimension_count"));
        Assert.Equal(1e-5f, file.Metadata.GetFloat("llama.attention.layer_norm_rms_epsilon"));
        Assert.Equal(32u, file.Alignment);
        Assert.Equal(type.ToString(), info.Quantization);
        Assert.True(info.IsSynthetic);
        Assert.Equal(GgufWriter.ChatTemplate, info.ChatTemplate);
        Assert.Equal((1, 2), (info.BosTokenId, info.EosTokenId));
        Assert.True(file.Metadata.GetBool(GgufKeys.AddBosToken));

        Assert.Equal(3 + (9 * shape.BlockCount), file.Tensors.Count);
        Assert.All(file.Tensors, tensor => Assert.Equal(tensor.Shape.Count == 1 ? GgmlType.F32 : type, tensor.Type));
        Assert.Equal(GgufModelLayout.Create(shape, type).ParameterCount, info.ParameterCount);
        Assert.Equal(GgufModelLayout.Create(shape, type).Tensors, file.Tensors, TensorEquals);
        Assert.Equal(file.FileSize, file.TensorDataEnd);
    }

    [Fact]
    public void Vocabulary_is_spm_shaped_with_unique_tokens()
    {
        var metadata = GgufReader.Read(Fixtures.SyntheticModel()).Metadata;

        var tokens = metadata.GetArray<string>(GgufKeys.Tokens);
        var types = metadata.GetArray<int>(GgufKeys.TokenType);

        Assert.Equal("llama", metadata.GetString(GgufKeys.TokenizerModel));
        Assert.Equal(GgufPresets.Tiny.VocabSize, tokens.Length);
        Assert.Equal(tokens.Length, metadata.GetArray<float>(GgufKeys.Scores).Length);
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
        Assert.Equal(["<unk>", "<s>", "</s>", "<0x00>"], tokens[..4]);
        Assert.Equal("<0xFF>", tokens[258]);
        Assert.Equal([2, 3, 3], types[..3]);
        Assert.All(types[3..259], type => Assert.Equal(6, type));
        Assert.Equal("\u2581the", tokens[260]);
        Assert.Equal(["<|im_start|>", "<|im_end|>"], tokens[^2..]);
        Assert.Equal(tokens.Length - 1, metadata.GetInt32(GgufKeys.EotTokenId));
    }

    [Fact]
    public void Same_seed_writes_identical_bytes_and_another_seed_different_weights()
    {
        var first = Write("a.gguf", GgufPresets.Tiny, GgmlType.Q8_0, seed: 7);
        var again = Write("b.gguf", GgufPresets.Tiny, GgmlType.Q8_0, seed: 7);
        var other = Write("c.gguf", GgufPresets.Tiny, GgmlType.Q8_0, seed: 8);

        Assert.Equal(Hash(first), Hash(again));
        Assert.NotEqual(Hash(first), Hash(other));
        Assert.Equal(new FileInfo(first).Length, new FileInfo(other).Length);
    }

    [Fact]
    public void Quantised_files_hold_the_quantised_weights_of_the_f32_file()
    {
        var f32 = GgufReader.Read(Fixtures.SyntheticModel(GgmlType.F32));
        var q8 = GgufReader.Read(Fixtures.SyntheticModel(GgmlType.Q8_0));
        var tensor = f32.Tensors.Single(t => t.Name == "blk.0.attn_q.weight");
        var quantised = q8.Tensors.Single(t => t.Name == tensor.Name);

        var values = ReadF32(Fixtures.SyntheticModel(GgmlType.F32), f32.DataOffset + tensor.Offset, (int)tensor.ElementCount);
        var decoded = GgmlDequantizer.Q8_0(ReadBytes(Fixtures.SyntheticModel(GgmlType.Q8_0), q8.DataOffset + quantised.Offset, (int)quantised.ByteSize));

        var std = Math.Sqrt(values.Average(v => (double)v * v));
        Assert.InRange(std, 0.015, 0.025);
        Assert.All(values.Zip(decoded), pair => Assert.Equal(pair.First, pair.Second, 0.0005f));
    }

    [Fact]
    public void Norm_weights_are_ones()
    {
        var path = Fixtures.SyntheticModel(GgmlType.Q4_0);
        var file = GgufReader.Read(path);
        var norm = file.Tensors.Single(t => t.Name == "output_norm.weight");

        Assert.All(ReadF32(path, file.DataOffset + norm.Offset, (int)norm.ElementCount), value => Assert.Equal(1f, value));
    }

    [Fact]
    public void Writing_replaces_an_existing_file_and_leaves_no_temporary_files()
    {
        var path = Path.Combine(_directory.FullName, "model.gguf");
        File.WriteAllText(path, "old");

        GgufWriter.Write(path, GgufPresets.Tiny, GgmlType.F16, seed: 1);

        Assert.Equal("model.gguf", Assert.Single(_directory.GetFiles()).Name);
        Assert.Equal("tiny", GgufReader.Read(path).ModelInfo.Name);
    }

    [Theory]
    [InlineData(GgmlType.Q4_0, 48, 128, "embedding length 48 is not a multiple of 32")]
    [InlineData(GgmlType.Q8_0, 64, 100, "feed-forward length 100 is not a multiple of 32")]
    public void Shapes_a_quantised_type_cannot_hold_are_refused(GgmlType type, int embedding, int feedForward, string problem)
    {
        var shape = GgufPresets.Tiny with { EmbeddingLength = embedding, FeedForwardLength = feedForward };

        var error = Assert.Throws<ArgumentException>(() => GgufWriter.Write(Path.Combine(_directory.FullName, "x.gguf"), shape, type, 1));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Empty(_directory.GetFiles());
    }

    [Fact]
    public void Shapes_that_are_not_a_llama_model_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GgufModelLayout.Create(GgufPresets.Tiny with { HeadCount = 3 }, GgmlType.F32));
        Assert.Throws<ArgumentException>(() => GgufModelLayout.Create(GgufPresets.Tiny with { HeadCountKv = 3 }, GgmlType.F32));
        Assert.Throws<ArgumentException>(() => GgufModelLayout.Create(GgufPresets.Tiny with { VocabSize = 100 }, GgmlType.F32));
        Assert.Throws<ArgumentException>(() => GgufWriter.Write(Path.Combine(_directory.FullName, "k.gguf"), GgufPresets.Tiny, GgmlType.Q4_K, 1));
    }

    public static TheoryData<string, double, double> PresetSizes => new()
    {
        // Untied output weights, so a little above the published (often tied) counts.
        { "qwen2.5-0.5b", 0.49e9, 0.64e9 },
        { "llama-3.2-1b", 1.45e9, 1.55e9 },
        { "llama-3.2-3b", 3.5e9, 3.7e9 },
        { "phi-3-mini", 3.7e9, 3.9e9 },
        { "yi-1.5b", 1.4e9, 1.55e9 },
        { "gemma-2b", 2.9e9, 3.1e9 },
        { "mistral-7b", 7.1e9, 7.3e9 },
    };

    [Theory]
    [MemberData(nameof(PresetSizes))]
    public void Preset_parameter_counts_match_the_models_they_imitate(string name, double min, double max)
    {
        var shape = GgufPresets.Get(name);

        var layout = GgufModelLayout.Create(shape, GgmlType.Q4_0);

        long e = shape.EmbeddingLength, v = shape.VocabSize, f = shape.FeedForwardLength;
        var kv = (long)shape.HeadCountKv * shape.HeadDimension;
        var perLayer = (2 * e) + (2 * e * e) + (2 * e * kv) + (3 * e * f);
        Assert.Equal((2 * v * e) + e + (shape.BlockCount * perLayer), layout.ParameterCount);
        Assert.InRange(layout.ParameterCount, min, max);
    }

    [Fact]
    public void Qwen_layout_is_exactly_the_hand_computed_count()
    {
        var layout = GgufModelLayout.Create(GgufPresets.Qwen25_0_5B, GgmlType.Q8_0);

        // 2 × 151936 × 896 embeddings + output norm + 24 × (q, k, v, o, ffn, norms).
        Assert.Equal(630_139_776, layout.ParameterCount);
        Assert.Equal(GgmlType.Q8_0, layout.Tensors.Single(t => t.Name == "output.weight").Type);
        Assert.Equal(new long[] { 896, 128 }, layout.Tensors.Single(t => t.Name == "blk.23.attn_k.weight").Shape);
    }

    private string Write(string name, GgufModelShape shape, GgmlType type, int seed)
    {
        var path = Path.Combine(_directory.FullName, name);
        GgufWriter.Write(path, shape, type, seed);
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static bool TensorEquals(GgufTensorInfo a, GgufTensorInfo b) =>
        a.Name == b.Name && a.Type == b.Type && a.Offset == b.Offset && a.ByteSize == b.ByteSize && a.Shape.SequenceEqual(b.Shape);

    private static byte[] ReadBytes(string path, long offset, int count)
    {
        using var stream = File.OpenRead(path);
        stream.Position = offset;
        var bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static float[] ReadF32(string path, long offset, int count) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(ReadBytes(path, offset, count * 4)).ToArray();
}

using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

/// <summary>Reads the shared real-world fixtures and checks them against the values SOURCES.md documents.</summary>
public class GgufReaderFixtureTests
{
    public sealed record Expected(
        string File, int KvCount, int TensorCount, string Architecture, int ContextLength, int EmbeddingLength,
        int BlockCount, int HeadCount, int HeadCountKv, int VocabSize, int? FileType, int F32Tensors, int F16Tensors);

    public static TheoryData<string> Names => new(s_expected.Keys);

    private static readonly Dictionary<string, Expected> s_expected = new()
    {
        ["stories260K.gguf"] = new("stories260K.gguf", 19, 48, "llama", 2048, 64, 5, 8, 4, 512, null, 48, 0),
        ["llama-2-tiny-random.gguf"] = new("llama-2-tiny-random.gguf", 18, 12, "llama", 4096, 8, 1, 2, 2, 32000, 1, 3, 9),
        ["vocab/ggml-vocab-gpt-2.repaired.gguf"] = new("vocab/ggml-vocab-gpt-2.repaired.gguf", 16, 0, "gpt2", 1024, 768, 12, 12, 12, 50257, 1, 0, 0),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Shared_fixture_parses_to_its_documented_metadata(string name)
    {
        var expected = s_expected[name];
        var file = GgufReader.Read(Fixtures.RequireSharedModel(name));
        var info = file.ModelInfo;

        Assert.Equal(3u, file.Version);
        Assert.Equal(expected.KvCount, file.Metadata.Count);
        Assert.Equal(expected.TensorCount, file.Tensors.Count);
        Assert.Equal(expected.Architecture, info.Architecture);
        Assert.Equal(expected.ContextLength, info.ContextLength);
        Assert.Equal(expected.EmbeddingLength, info.EmbeddingLength);
        Assert.Equal(expected.BlockCount, info.BlockCount);
        Assert.Equal(expected.HeadCount, info.HeadCount);
        Assert.Equal(expected.HeadCountKv, info.HeadCountKv);
        Assert.Equal(expected.VocabSize, info.VocabSize);
        Assert.Equal(expected.FileType, file.Metadata.TryGetInt32(GgufKeys.FileType, out var fileType) ? fileType : null);
        Assert.Equal(expected.F32Tensors, file.Tensors.Count(tensor => tensor.Type == GgmlType.F32));
        Assert.Equal(expected.F16Tensors, file.Tensors.Count(tensor => tensor.Type == GgmlType.F16));
        Assert.Equal(file.FileSize, file.TensorDataEnd);
        Assert.Equal(new FileInfo(Fixtures.SharedModel(name)!).Length, file.FileSize);
        Assert.False(info.IsSynthetic);
    }

    [Fact]
    public void Stories260K_has_a_gqa_llama_shape_and_an_spm_vocabulary()
    {
        var file = GgufReader.Read(Fixtures.RequireSharedModel("stories260K.gguf"));
        var info = file.ModelInfo;

        Assert.Equal(172, info.FeedForwardLength);
        Assert.Equal(8u, file.Metadata.GetUInt32("llama.rope.dimension_count"));
        Assert.Equal(1e-5f, file.Metadata.GetFloat("llama.attention.layer_norm_rms_epsilon"));
        Assert.Equal("llama", info.TokenizerModel);
        Assert.Equal((1, 2), (info.BosTokenId, info.EosTokenId));
        var tokens = file.Metadata.GetArray<string>(GgufKeys.Tokens);
        var types = file.Metadata.GetArray<int>(GgufKeys.TokenType);
        Assert.Equal(["<unk>", "<s>", "</s>", "<0x00>"], tokens[..4]);
        Assert.Equal(6, types[3]);
        Assert.Equal(512, file.Metadata.GetArray<float>(GgufKeys.Scores).Length);
        Assert.False(file.Metadata.ContainsKey(GgufKeys.FileType));
        Assert.False(file.Metadata.ContainsKey(GgufKeys.AddBosToken));
        // No general.file_type: the quantisation is the dominant tensor type.
        Assert.Equal("F32", info.Quantization);
        Assert.Null(info.ChatTemplate);
        Assert.Equal(file.Tensors.Sum(tensor => tensor.ElementCount), info.ParameterCount);
        Assert.Equal(info.ParameterCount * 4, info.TensorBytes);
    }

    [Fact]
    public void Llama2_tiny_random_keeps_real_spm_scores_and_replacement_characters()
    {
        var file = GgufReader.Read(Fixtures.RequireSharedModel("llama-2-tiny-random.gguf"));
        var tokens = file.Metadata.GetArray<string>(GgufKeys.Tokens);

        Assert.Equal("et", tokens[300]);
        Assert.Equal(-41f, file.Metadata.GetArray<float>(GgufKeys.Scores)[300]);
        // Stored as the UTF-8 of U+FFFD itself (EF BF BD), twice and once.
        Assert.Equal("\uFFFD\uFFFD", tokens[26308]);
        Assert.Equal("\uFFFD", tokens[30140]);
        Assert.Equal("F16", file.ModelInfo.Quantization);
        Assert.Equal(GgufFileType.F16, file.ModelInfo.FileType);
        Assert.Equal("LLaMA v2", file.ModelInfo.Name);
    }

    [Fact]
    public void Gpt2_vocab_only_file_has_merges_and_no_tensor_data()
    {
        var file = GgufReader.Read(Fixtures.RequireSharedModel("vocab/ggml-vocab-gpt-2.repaired.gguf"));

        Assert.Equal("gpt2", file.ModelInfo.TokenizerModel);
        Assert.Equal("gpt-2", file.Metadata.GetString("tokenizer.ggml.pre"));
        Assert.Equal(50000, file.Metadata.GetArray<string>("tokenizer.ggml.merges").Length);
        Assert.Equal((50256, 50256), (file.ModelInfo.BosTokenId, file.ModelInfo.EosTokenId));
        Assert.Equal(0, file.ModelInfo.ParameterCount);
        Assert.Equal(file.FileSize, file.DataOffset);
    }
}

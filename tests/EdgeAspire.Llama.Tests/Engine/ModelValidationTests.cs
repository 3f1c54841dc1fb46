using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>Files that parse but would abort llama.cpp are refused by <see cref="LlamaModel.Load"/> before the native
/// loader sees them; the files llama.cpp runs are still accepted.</summary>
public class ModelValidationTests
{
    [Theory]
    [MemberData(nameof(ModelCorruptions.Names), MemberType = typeof(ModelCorruptions))]
    public void Corrupt_model_is_refused_naming_the_problem(string corruption)
    {
        _ = Llama.Runtime;
        var path = ModelCorruptions.Write(corruption);

        var error = Assert.Throws<GgufFormatException>(() => LlamaModel.Load(path));

        Assert.Contains(ModelCorruptions.Named(corruption), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stories260K.gguf")]
    [InlineData("llama-2-tiny-random.gguf")]
    public void Real_models_pass_and_load(string fixture)
    {
        var path = Fixtures.RequireSharedModel(fixture);

        var file = GgufModelValidator.Validate(path);

        Assert.True(Llama.Model(path).Vocab.Count > 0);
        Assert.Equal("llama", file.ModelInfo.Architecture);
    }

    [Theory]
    [InlineData(GgmlType.F32)]
    [InlineData(GgmlType.Q4_0)]
    public void Synthetic_models_pass(GgmlType type)
    {
        var file = GgufModelValidator.Validate(Fixtures.SyntheticModel(type));

        Assert.Equal(GgufPresets.Tiny.BlockCount, file.ModelInfo.BlockCount);
    }

    [Fact]
    public void A_model_whose_vocabulary_does_not_add_bos_needs_no_bos_token()
    {
        var path = ModelVariants.Write("no-bos.gguf", m =>
        {
            m.Set(GgufKeys.AddBosToken, GgufValueType.Bool, false);
            m.Set(GgufKeys.TokenizerModel, GgufValueType.Str, "gpt2");
            m.Remove(GgufKeys.BosTokenId);
        });

        var file = GgufModelValidator.Validate(path);

        Assert.False(file.Metadata.ContainsKey(GgufKeys.BosTokenId));
    }

    [Fact]
    public void A_bpe_vocabulary_that_adds_bos_without_one_is_refused()
    {
        var path = ModelVariants.Write("bpe-missing-bos.gguf", m =>
        {
            m.Set(GgufKeys.TokenizerModel, GgufValueType.Str, "gpt2");
            m.Remove(GgufKeys.BosTokenId);
        });

        var error = Assert.Throws<GgufFormatException>(() => GgufModelValidator.Validate(path));

        Assert.Contains("'tokenizer.ggml.bos_token_id', which is missing", error.Message, StringComparison.Ordinal);
    }
}

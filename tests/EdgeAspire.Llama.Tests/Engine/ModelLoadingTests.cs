using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public class ModelLoadingTests
{
    [Theory]
    [InlineData(GgmlType.F32)]
    [InlineData(GgmlType.F16)]
    [InlineData(GgmlType.Q8_0)]
    [InlineData(GgmlType.Q4_0)]
    public async Task Llama_cpp_loads_and_runs_what_the_writer_writes(GgmlType type)
    {
        var path = Fixtures.SyntheticModel(type);
        var model = Llama.Model(path);
        using var engine = Llama.Engine(path);

        var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = engine.Tokenize("Once upon a time"), MaxTokens = 16, IgnoreEndOfGeneration = true }, TestModels.Timeout());

        var layout = GgufModelLayout.Create(GgufPresets.Tiny, type);
        Assert.Equal(layout.ParameterCount, model.ParameterCount);
        Assert.Equal(GgufPresets.Tiny.VocabSize, model.Vocab.Count);
        Assert.Equal(16, result.Tokens.Count);
        Assert.All(result.Tokens, t => Assert.InRange(t, 0, model.Vocab.Count - 1));
    }

    [Fact]
    public async Task Quantised_models_agree_with_f32_on_the_next_token_distribution()
    {
        var prompt = Llama.Model(Fixtures.SyntheticModel()).Vocab.Tokenize("Once upon a time");
        var request = new ScoreRequest { Tokens = [.. prompt, 5], FirstScored = prompt.Length, TopLogProbs = 5 };
        async Task<ScoreResult> Score(GgmlType type)
        {
            using var engine = Llama.Engine(Fixtures.SyntheticModel(type));
            return await engine.ScoreAsync(request, TestModels.Timeout());
        }

        var f32 = await Score(GgmlType.F32);
        var q8 = await Score(GgmlType.Q8_0);

        Assert.Equal(f32.Tokens[0].LogProb, q8.Tokens[0].LogProb, 0.05);
        Assert.Equal(f32.Tokens[0].Top.Select(t => t.Token).Take(3), q8.Tokens[0].Top.Select(t => t.Token).Take(3));
    }

    [Fact]
    public void Truncated_model_is_refused_before_llama_cpp_sees_it()
    {
        _ = Llama.Runtime;
        var source = File.ReadAllBytes(Fixtures.SyntheticModel());
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "truncated.gguf");
        File.WriteAllBytes(path, source[..(source.Length - 100)]);

        var error = Assert.Throws<GgufFormatException>(() => LlamaModel.Load(path));
        Assert.Contains("invalid GGUF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vocabulary_only_file_is_refused_with_a_clear_message()
    {
        _ = Llama.Runtime;
        var error = Assert.Throws<GgufFormatException>(() => LlamaModel.Load(Fixtures.RequireSharedModel("vocab/ggml-vocab-gpt-2.repaired.gguf")));
        Assert.Contains("no tensors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_reports_what_llama_cpp_read()
    {
        var model = Llama.Model(TestModels.PathOf(TestModels.Stories));

        Assert.Equal(2048, model.TrainContextLength);
        Assert.Equal(512, model.Vocab.Count);
        Assert.Equal(GgufReader.Read(model.Path).ModelInfo.ParameterCount, model.ParameterCount);
        Assert.StartsWith("llama", model.Description, StringComparison.Ordinal);
        Assert.Null(model.ChatTemplate);
    }
}

using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public class PresetShapeTests
{
    public static TheoryData<string> Presets => new(GgufPresets.All.Where(shape => shape != GgufPresets.Tiny).Select(shape => shape.Name));

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task Llama_cpp_runs_each_preset_shape_shrunk_to_one_block(string preset)
    {
        _ = Llama.Runtime;
        var shape = Shrunk(GgufPresets.Get(preset));
        var path = Fixtures.TemporaryPath($"{shape.Name}-shrunk.gguf");
        try
        {
            GgufWriter.Write(path, shape, GgmlType.Q4_0, Fixtures.SyntheticSeed);
            using var model = LlamaModel.Load(path);
            using var engine = new InferenceEngine(model, new InferenceEngineOptions { Context = new LlamaContextOptions { ContextSize = 64, Threads = 2 } });

            var result = await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = engine.Tokenize("Once upon a time"), MaxTokens = 2, IgnoreEndOfGeneration = true }, TestModels.Timeout());

            Assert.Equal(2, result.Tokens.Count);
            Assert.Equal(GgufModelLayout.Create(shape, GgmlType.Q4_0).ParameterCount, model.ParameterCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What makes a shape distinctive to llama.cpp's kernels is kept: the head dimension (Gemma's 256,
    /// Phi-3's 96), heads per KV head (GQA 3/4/7, MQA 8, none) and the feed-forward/embedding ratio. Grouped shapes
    /// get fewer KV heads (at least 4 heads in all; models without GQA keep all theirs), one block and a 512-token
    /// vocabulary: the whole theory writes, loads and runs in about 5 s.</summary>
    private static GgufModelShape Shrunk(GgufModelShape shape)
    {
        var group = shape.HeadCount / shape.HeadCountKv;
        var kvHeads = group == 1 ? shape.HeadCountKv : Math.Min(shape.HeadCountKv, (4 + group - 1) / group);
        var heads = group * kvHeads;
        var embedding = heads * shape.HeadDimension;
        var feedForward = (int)((long)shape.FeedForwardLength * embedding / shape.EmbeddingLength / 32 * 32);
        return shape with { VocabSize = 512, EmbeddingLength = embedding, BlockCount = 1, HeadCount = heads, HeadCountKv = kvHeads, FeedForwardLength = feedForward };
    }
}

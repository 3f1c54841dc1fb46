using EdgeAspire.Hosting.Publishing;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Hosting.Tests;

/// <summary>Worker sizing: from the file when there is one, from the catalog's shape otherwise.</summary>
public sealed class ModelMemoryTests
{
    [Fact]
    public void A_local_file_is_sized_from_its_own_estimate_plus_headroom()
    {
        var path = Fixtures.SyntheticModel(GgmlType.F32);
        var file = GgufReader.Read(path);
        var expected = file.EstimateMemory(Math.Min(ModelMemory.ContextSize, file.ModelInfo.ContextLength!.Value)).TotalBytes;

        var (estimate, limit, source) = ModelMemory.For(new ModelSpec("tiny", path), sequences: 1);

        Assert.Equal(expected, estimate);
        Assert.Equal((long)(expected * (1 + ModelMemory.EstimateHeadroom)) + ModelMemory.RuntimeHeadroomBytes, limit);
        Assert.Equal("GGUF file", source);
    }

    [Theory]
    [InlineData("qwen2.5-0.5b-instruct", 0.4, 1.5)]
    [InlineData("llama-3.2-1b-instruct", 0.8, 2.5)]
    [InlineData("phi-3-mini-4k-instruct", 2.5, 6)]
    [InlineData("mistral-7b-instruct-v0.2", 4, 7)]
    [InlineData("llama-2-7b-chat", 5, 8)]
    public void Catalog_models_are_sized_from_their_declared_shape(string id, double minGiB, double maxGiB)
    {
        var (estimate, limit, _) = ModelMemory.For(new ModelSpec(id, null), sequences: 1);

        Assert.InRange(estimate / (double)(1L << 30), minGiB, maxGiB);
        Assert.True(limit > estimate);
    }

    [Fact]
    public void Every_parallel_sequence_adds_its_own_kv_cache()
    {
        var path = Fixtures.SyntheticModel(GgmlType.F32);
        var file = GgufReader.Read(path);
        var context = Math.Min(ModelMemory.ContextSize, file.ModelInfo.ContextLength!.Value);

        var one = ModelMemory.For(new ModelSpec("tiny", path), sequences: 1).EstimateBytes;
        var four = ModelMemory.For(new ModelSpec("tiny", path), sequences: 4).EstimateBytes;

        Assert.Equal(file.EstimateMemory(context, sequences: 4).TotalBytes, four);
        Assert.Equal(3 * file.EstimateMemory(context).KvCacheBytes, four - one);
    }
}

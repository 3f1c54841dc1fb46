using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

public class GgufMemoryEstimateTests
{
    [Fact]
    public void Stories260K_kv_cache_at_2048_tokens_matches_the_hand_computed_size()
    {
        var file = GgufReader.Read(Fixtures.RequireSharedModel("stories260K.gguf"));

        var estimate = file.EstimateMemory(2048);

        // 5 layers, 4 KV heads of 64 / 8 = 8 values: n_embd_k_gqa = 32; K and V, F16 (2 bytes).
        const long expected = 2 * 5 * 2048 * 32 * 2;
        Assert.Equal(1_310_720, expected);
        Assert.Equal(expected, estimate.KvCacheBytes);
        Assert.Equal(1_171_200, estimate.WeightsBytes);
        Assert.Equal(estimate.WeightsBytes + estimate.KvCacheBytes + estimate.ComputeBytes, estimate.TotalBytes);
    }

    [Fact]
    public void Synthetic_tiny_kv_cache_at_2048_tokens_matches_the_hand_computed_size()
    {
        var file = GgufReader.Read(Fixtures.SyntheticModel());

        var estimate = file.EstimateMemory(2048);

        // tiny: 2 layers, 2 KV heads of 64 / 4 = 16 values: n_embd_k_gqa = 32.
        Assert.Equal(2L * 2 * 2048 * 32 * 2, estimate.KvCacheBytes);
        Assert.Equal(file.ModelInfo.TensorBytes, estimate.WeightsBytes);
    }

    [Fact]
    public void Kv_cache_scales_with_the_cache_type_and_context()
    {
        var file = GgufReader.Read(Fixtures.SyntheticModel());

        var f16 = file.EstimateMemory(1024);
        var f32 = file.EstimateMemory(1024, GgmlType.F32);
        var q8 = file.EstimateMemory(1024, GgmlType.Q8_0);
        var longer = file.EstimateMemory(4096);

        Assert.Equal(2 * f16.KvCacheBytes, f32.KvCacheBytes);
        Assert.Equal(f16.KvCacheBytes * 34 / 64, q8.KvCacheBytes);
        Assert.Equal(4 * f16.KvCacheBytes, longer.KvCacheBytes);
        Assert.True(longer.ComputeBytes > f16.ComputeBytes);
    }

    [Fact]
    public void Kv_cache_scales_with_parallel_sequences_and_the_compute_allowance_does_not()
    {
        var file = GgufReader.Read(Fixtures.SyntheticModel());

        var one = file.EstimateMemory(1024);
        var four = file.EstimateMemory(1024, sequences: 4);

        // llama.cpp gives each sequence its own stream of n_ctx cells and attends each stream separately.
        Assert.Equal(4 * one.KvCacheBytes, four.KvCacheBytes);
        Assert.Equal(one.ComputeBytes, four.ComputeBytes);
        Assert.Equal(4, four.Sequences);
    }

    [Fact]
    public void Compute_allowance_covers_the_logits_of_a_large_vocabulary()
    {
        var directory = Directory.CreateTempSubdirectory("edgeaspire-mem-");
        var path = Path.Combine(directory.FullName, "big-vocab.gguf");
        GgufWriter.Write(path, GgufPresets.Tiny with { VocabSize = 32000 }, GgmlType.Q4_0, seed: 1);
        var file = GgufReader.Read(path);

        var estimate = file.EstimateMemory(512, batchSize: 512);

        Assert.True(estimate.ComputeBytes >= 32000L * 512 * 4);
        directory.Delete(recursive: true);
    }

    [Fact]
    public void Vocab_only_file_estimates_zero_weight_bytes()
    {
        var file = GgufReader.Read(Fixtures.RequireSharedModel("vocab/ggml-vocab-gpt-2.repaired.gguf"));

        // GPT-2 metadata gives layers, embedding and heads, so it estimates; there are no weights.
        Assert.Equal(0, file.EstimateMemory(1024).WeightsBytes);
    }

    [Fact]
    public void File_without_layer_metadata_cannot_be_estimated()
    {
        var file = GgufReader.Read(new MemoryStream(GgufTestFiles.Build([("general.architecture", GgufValueType.Str, "llama")])));

        var error = Assert.Throws<InvalidOperationException>(() => file.EstimateMemory(512));
        Assert.Contains("block count", error.Message, StringComparison.Ordinal);
    }
}

using EdgeAspire.Evaluator.Projection;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>The Pi 5 projection gives back the published figures it was calibrated on, from the models' own
/// shapes, and reads a GGUF's footprint the way llama.cpp spends it.</summary>
public sealed class Pi5ProjectionTests
{
    // Llama 2 7B: 32 blocks of q, k, v, o (4096 × 4096) and gate, up, down (4096 × 11008).
    private const long Llama2_7bMatmul = 32L * (4 * 4096L * 4096 + 3 * 4096L * 11008);

    [Fact]
    public void Calibration_models_get_back_their_published_rates()
    {
        // llama.cpp #6928: Llama 2 7B Q4_0, prompt eval 8.10 tok/s on a Pi 5.
        var llama7b = new ModelFootprint(3_560_000_000, Llama2_7bMatmul, "Q4_0", Exact: true);
        // geerlingguy/ai-benchmarks#7: Llama 2 13B Q4_0 (7.37 GB file, 92 MB token table) decodes at 1.35 tok/s.
        var llama13b = new ModelFootprint(7_370_000_000 - 92_000_000, 40L * (4 * 5120L * 5120 + 3 * 5120L * 13824), "Q4_0", Exact: true);

        Assert.Equal(8.10, Pi5Projection.PrefillTokensPerSecond(llama7b)!.Value, 0.05);
        Assert.InRange(Pi5Projection.DecodeTokensPerSecond(llama13b), 1.35 * 0.95, 1.35 * 1.05);
    }

    [Fact]
    public void A_type_without_a_published_figure_has_no_prefill_projection_but_a_decode_one()
    {
        var f16 = new ModelFootprint(2_200_000_000, 1_000_000_000, "F16", Exact: true);

        Assert.Null(Pi5Projection.PrefillTokensPerSecond(f16));
        Assert.Equal(Pi5Projection.BytesPerSecond / 2_200_000_000, Pi5Projection.DecodeTokensPerSecond(f16), 1e-9);
    }

    [Fact]
    public void A_GGUF_footprint_counts_the_blocks_matrices_and_every_weight_read_per_token()
    {
        var gguf = GgufReader.Read(Fixtures.SyntheticModel(GgmlType.Q4_0));
        var shape = GgufPresets.Tiny;
        var kv = shape.EmbeddingLength / shape.HeadCount * shape.HeadCountKv;

        var footprint = ModelFootprint.Of(gguf);

        var perBlock = 2L * shape.EmbeddingLength * shape.EmbeddingLength + 2L * shape.EmbeddingLength * kv + 3L * shape.EmbeddingLength * shape.FeedForwardLength;
        Assert.Equal(shape.BlockCount * perBlock, footprint.MatmulParameters);
        Assert.Equal("Q4_0", footprint.WeightType);
        var embedding = gguf.Tensors.Single(t => t.Name == "token_embd.weight").ByteSize;
        var all = gguf.Tensors.Sum(t => t.ByteSize);
        Assert.Equal(gguf.Tensors.Any(t => t.Name == "output.weight") ? all - embedding : all, footprint.WeightBytesPerToken);
    }

    [Fact]
    public void A_run_records_its_exact_footprint_and_a_server_run_falls_back_to_size_and_parameters()
    {
        var exact = new ModelFootprint(1_000, 200, "Q4_0", Exact: true);
        var server = new Dictionary<string, string> { ["model_size_bytes"] = "5000", ["model_parameters"] = "900", ["model_quantization"] = "Q8_0" };

        Assert.Equal(exact, ModelFootprint.FromEnvironment(exact.ToEnvironment()));
        Assert.Equal(new ModelFootprint(5_000, 900, "Q8_0", Exact: false), ModelFootprint.FromEnvironment(server));
        Assert.Null(ModelFootprint.FromEnvironment(new Dictionary<string, string> { ["model_parameters"] = "900" }));
        var untyped = new ModelFootprint(1_000, 200, null, Exact: true);
        Assert.Equal(untyped, ModelFootprint.FromEnvironment(untyped.ToEnvironment()));
    }
}

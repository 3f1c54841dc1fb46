namespace EdgeAspire.Llama.Gguf.Validation;

/// <summary>
/// The hyperparameters llama.cpp's loader (llama-model.cpp <c>load_hparams</c>) and the CPU ops assert on, read
/// and range-checked. Per-layer values keep one entry per layer; head widths follow llama.cpp's defaults
/// (n_embd / n_head when <c>attention.key_length</c> is absent).
/// </summary>
internal sealed record Hyperparameters(
    long EmbeddingLength,
    int BlockCount,
    long[] HeadCount,
    long[] HeadCountKv,
    long[] FeedForwardLength,
    long KeyLength,
    long ValueLength,
    long RopeDimensions)
{
    // LLAMA_MAX_LAYERS in llama-hparams.h; the loader asserts 0 < n_layer <= it.
    private const int MaxLayers = 512;

    // Far above any real model (the widest have n_embd 16384 and n_ff 53248), low enough that products stay in a long.
    private const long MaxWidth = 1 << 20;

    // llama_rope_scaling_type_from_string; anything else is LLAMA_ROPE_SCALING_TYPE_UNSPECIFIED, which is asserted against.
    private static readonly string[] s_ropeScalingTypes = ["none", "linear", "yarn", "longrope"];

    public static Hyperparameters Read(GgufMetadata metadata, string architecture)
    {
        var read = new HyperparameterReader(metadata, architecture);
        // 0 loads (a context then needs an explicit size, which this server always gives).
        read.Integer("context_length", 0, int.MaxValue);
        var embedding = read.Integer("embedding_length", 1, MaxWidth)!.Value;
        var layers = (int)read.Integer("block_count", 1, MaxLayers)!.Value;
        read.Integer("nextn_predict_layers", 0, layers, required: false);
        ExpertRules.Check(read, layers);

        var heads = read.PerLayer("attention.head_count", layers, 1, embedding)!;
        var kvHeads = read.PerLayer("attention.head_count_kv", layers, 1, embedding, required: false) ?? heads;
        for (var i = 0; i < layers; i++)
        {
            // ggml_mul_mat broadcasts each KV head over a whole group of query heads.
            ModelFileProblem.Require(heads[i] % kvHeads[i] == 0,
                $"layer {i} has {heads[i]} attention heads, not a multiple of its {kvHeads[i]} KV heads");
        }
        var feedForward = read.PerLayer("feed_forward_length", layers, 1, MaxWidth)!;

        var keyLength = read.Integer("attention.key_length", 1, MaxWidth, required: false) ?? HeadWidth(read, embedding, heads[0]);
        var valueLength = read.Integer("attention.value_length", 1, MaxWidth, required: false) ?? HeadWidth(read, embedding, heads[0]);
        var rope = read.Integer("rope.dimension_count", 1, keyLength, required: false) ?? keyLength;
        ModelFileProblem.Require(rope % 2 == 0, $"'{read.Key("rope.dimension_count")}' is {rope}; RoPE rotates pairs, so it must be even");

        read.Positive("attention.layer_norm_rms_epsilon");
        read.Positive("rope.freq_base", required: false);
        read.OneOf("rope.scaling.type", s_ropeScalingTypes);
        return new Hyperparameters(embedding, layers, heads, kvHeads, feedForward, keyLength, valueLength, rope);
    }

    /// <summary>n_embd / n_head, which must divide evenly: the attention reshapes rows into heads and ggml asserts
    /// that the element counts match.</summary>
    private static long HeadWidth(HyperparameterReader read, long embedding, long heads)
    {
        ModelFileProblem.Require(embedding % heads == 0,
            $"'{read.Key("embedding_length")}' {embedding} is not a multiple of '{read.Key("attention.head_count")}' {heads}");
        return embedding / heads;
    }
}

namespace EdgeAspire.Llama.Gguf;

internal static class GgufMemoryEstimator
{
    public static GgufMemoryEstimate Estimate(GgufModelInfo model, int contextSize, GgmlType kvCacheType, int batchSize, int sequences)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(contextSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequences);
        if (model is not { BlockCount: { } layers, EmbeddingLength: { } embedding, HeadCount: { } heads and > 0 })
        {
            throw new InvalidOperationException(
                $"cannot estimate memory for '{model.Name ?? model.Architecture ?? "this file"}': it does not give the block count, embedding length and head count");
        }
        var kvHeads = model.HeadCountKv ?? heads;
        var keyWidth = (long)kvHeads * (model.KeyLength ?? embedding / heads);
        var valueWidth = (long)kvHeads * (model.ValueLength ?? embedding / heads);

        // llama.cpp keeps one K row and one V row of n_embd_{k,v}_gqa elements per layer per cell.
        var kvBytes = checked(sequences * layers * (kvCacheType.ByteSize(keyWidth * contextSize) + kvCacheType.ByteSize(valueWidth * contextSize)));
        return new GgufMemoryEstimate(contextSize, kvCacheType, model.TensorBytes, kvBytes, ComputeAllowance(model, contextSize, batchSize, heads), sequences);
    }

    /// <summary>
    /// An allowance for llama.cpp's CPU compute buffer, which ggml-alloc sizes to the peak of one graph. Its peak
    /// is the larger of two F32 intermediates, the logits (n_vocab × n_ubatch) and the attention scores without
    /// flash attention (n_head × n_ctx × n_ubatch), plus the activations alive beside them (≈ 3 × n_embd +
    /// 2 × n_ff per token). This over-estimates by tens of percent (e.g. ~330 MiB against the 299 MiB llama.cpp
    /// reports for a 0.5B model with a 152k vocabulary at n_ctx 4096), which is the safe side for a budget.
    /// </summary>
    private static long ComputeAllowance(GgufModelInfo model, int contextSize, int batchSize, int heads)
    {
        const long f32 = sizeof(float);
        long ubatch = Math.Min(batchSize, contextSize);
        var logits = (model.VocabSize ?? 0) * ubatch * f32;
        var attention = (long)heads * contextSize * ubatch * f32;
        var activations = ubatch * ((3L * model.EmbeddingLength!.Value) + (2L * (model.FeedForwardLength ?? 0))) * f32;
        return Math.Max(logits, attention) + activations;
    }
}

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// The hyper-parameters of a llama-architecture model: enough to lay out every tensor and the KV cache.
/// The head dimension is <see cref="EmbeddingLength"/> / <see cref="HeadCount"/> (also the RoPE dimension).
/// </summary>
public sealed record GgufModelShape(
    string Name,
    int VocabSize,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int HeadCountKv,
    int FeedForwardLength,
    int ContextLength)
{
    public int HeadDimension => EmbeddingLength / HeadCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first reason llama.cpp could not run this shape as <paramref name="type"/>.</summary>
    public void Validate(GgmlType type)
    {
        Require(!string.IsNullOrWhiteSpace(Name), "needs a name");
        Require(EmbeddingLength > 0 && BlockCount > 0 && HeadCount > 0 && HeadCountKv > 0 && FeedForwardLength > 0 && ContextLength > 0,
            "needs positive embedding length, block count, head counts, feed-forward length and context length");
        Require(VocabSize >= SyntheticVocabulary.MinimumSize,
            $"vocab size {VocabSize} is below {SyntheticVocabulary.MinimumSize} (3 special + 256 byte + 2 chat tokens + 1 word piece)");
        Require(EmbeddingLength % HeadCount == 0, $"embedding length {EmbeddingLength} is not a multiple of the head count {HeadCount}");
        Require(HeadCount % HeadCountKv == 0, $"head count {HeadCount} is not a multiple of the KV head count {HeadCountKv}");
        // llama's RoPE rotates pairs of values within each head.
        Require(HeadDimension % 2 == 0, $"head dimension {HeadDimension} is odd");
        var block = type.BlockSize();
        // Every matrix has a row of n_embd (attention, ffn_gate/up, embeddings) or n_ff (ffn_down) elements.
        Require(EmbeddingLength % block == 0,
            $"embedding length {EmbeddingLength} is not a multiple of {block}, the {type} block size (quantised rows must be whole blocks)");
        Require(FeedForwardLength % block == 0,
            $"feed-forward length {FeedForwardLength} is not a multiple of {block}, the {type} block size (ffn_down rows are n_ff long)");
    }

    private void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"model shape '{Name}' {problem}");
        }
    }
}

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// The facts about a model that placement and reports need, read from GGUF metadata and tensor infos. Values the
/// file does not carry are null (a vocab-only file has no layers). <see cref="ParameterCount"/> sums all tensor
/// elements; <see cref="Quantization"/> is the llama-quantize name of <c>general.file_type</c> when present, else
/// the tensor type holding the most bytes.
/// </summary>
public sealed record GgufModelInfo(
    string? Architecture,
    string? Name,
    long ParameterCount,
    int? ContextLength,
    int? EmbeddingLength,
    int? BlockCount,
    int? HeadCount,
    int? HeadCountKv,
    int? KeyLength,
    int? ValueLength,
    int? FeedForwardLength,
    int? VocabSize,
    string? TokenizerModel,
    GgufFileType? FileType,
    string? Quantization,
    long TensorBytes,
    string? ChatTemplate,
    int? BosTokenId,
    int? EosTokenId,
    bool IsSynthetic);

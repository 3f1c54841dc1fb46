namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// What a model needs resident to serve one context of <see cref="ContextSize"/> tokens, in bytes.
/// See <see cref="GgufFile.EstimateMemory"/> for how each part is computed.
/// </summary>
public sealed record GgufMemoryEstimate(
    int ContextSize,
    GgmlType KvCacheType,
    long WeightsBytes,
    long KvCacheBytes,
    long ComputeBytes)
{
    public long TotalBytes => WeightsBytes + KvCacheBytes + ComputeBytes;
}

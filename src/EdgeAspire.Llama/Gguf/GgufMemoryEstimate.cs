namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// What a model needs resident to serve one context of <see cref="Sequences"/> sequences of
/// <see cref="ContextSize"/> tokens each, in bytes.
/// See <see cref="GgufFile.EstimateMemory"/> for how each part is computed.
/// </summary>
public sealed record GgufMemoryEstimate(
    int ContextSize,
    GgmlType KvCacheType,
    long WeightsBytes,
    long KvCacheBytes,
    long ComputeBytes,
    int Sequences = 1)
{
    public long TotalBytes => WeightsBytes + KvCacheBytes + ComputeBytes;
}

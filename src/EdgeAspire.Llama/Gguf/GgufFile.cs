namespace EdgeAspire.Llama.Gguf;

/// <summary>A parsed GGUF file: header, metadata and tensor descriptions (no tensor data). Made by <see cref="GgufReader"/>.</summary>
public sealed class GgufFile
{
    public const uint DefaultAlignment = 32;

    internal GgufFile(uint version, GgufMetadata metadata, IReadOnlyList<GgufTensorInfo> tensors, uint alignment,
        long dataOffset, long tensorDataEnd, long fileSize)
    {
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
        Alignment = alignment;
        DataOffset = dataOffset;
        TensorDataEnd = tensorDataEnd;
        FileSize = fileSize;
        ModelInfo = GgufModelInfoReader.Read(metadata, tensors);
    }

    public uint Version { get; }

    public GgufMetadata Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    public uint Alignment { get; }

    /// <summary>Byte offset of the data section; tensor offsets are relative to it.</summary>
    public long DataOffset { get; }

    /// <summary>Byte offset just past the last tensor's data (equals <see cref="FileSize"/> in well-formed files).</summary>
    public long TensorDataEnd { get; }

    public long FileSize { get; }

    public GgufModelInfo ModelInfo { get; }

    /// <summary>
    /// Memory to serve one context: the weights (all tensor bytes, mmapped), a KV cache of
    /// n_layer × n_ctx × (n_embd_k_gqa + n_embd_v_gqa) elements of <paramref name="kvCacheType"/> (llama.cpp's
    /// default is F16), where n_embd_k_gqa = head_count_kv × (key_length or embedding_length / head_count), and a
    /// compute-buffer allowance for batches of up to <paramref name="batchSize"/> tokens (llama.cpp's default
    /// n_ubatch is 512). With <paramref name="sequences"/> parallel sequences of <paramref name="contextSize"/>
    /// tokens each, the KV cache is that many times larger; the compute buffer is not, because llama.cpp splits
    /// the cache into one stream per sequence and attends each stream over its own cells.
    /// </summary>
    public GgufMemoryEstimate EstimateMemory(int contextSize, GgmlType kvCacheType = GgmlType.F16, int batchSize = 512, int sequences = 1) =>
        GgufMemoryEstimator.Estimate(ModelInfo, contextSize, kvCacheType, batchSize, sequences);
}

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// The tensors a llama-architecture file of a given shape holds (names and shapes as llama.cpp's llama loader
/// expects them, ggml order: row length first), with offsets and sizes, computed without writing anything.
/// Matrices take the requested type; the 1-D norm weights stay F32, as llama-quantize leaves them.
/// </summary>
public sealed class GgufModelLayout
{
    private GgufModelLayout(GgufModelShape shape, GgmlType type, IReadOnlyList<GgufTensorInfo> tensors)
    {
        Shape = shape;
        Type = type;
        Tensors = tensors;
    }

    public GgufModelShape Shape { get; }

    public GgmlType Type { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    public long ParameterCount => Tensors.Sum(tensor => tensor.ElementCount);

    public long TensorBytes => Tensors.Sum(tensor => tensor.ByteSize);

    public static GgufModelLayout Create(GgufModelShape shape, GgmlType type)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate(type);
        long embd = shape.EmbeddingLength;
        long kvWidth = (long)shape.HeadCountKv * shape.HeadDimension;
        var specs = new List<(string Name, long[] Shape)>
        {
            ("token_embd.weight", [embd, shape.VocabSize]),
            ("output_norm.weight", [embd]),
            ("output.weight", [embd, shape.VocabSize]),
        };
        for (var layer = 0; layer < shape.BlockCount; layer++)
        {
            var prefix = $"blk.{layer}.";
            specs.Add((prefix + "attn_norm.weight", [embd]));
            specs.Add((prefix + "attn_q.weight", [embd, embd]));
            specs.Add((prefix + "attn_k.weight", [embd, kvWidth]));
            specs.Add((prefix + "attn_v.weight", [embd, kvWidth]));
            specs.Add((prefix + "attn_output.weight", [embd, embd]));
            specs.Add((prefix + "ffn_norm.weight", [embd]));
            specs.Add((prefix + "ffn_gate.weight", [embd, shape.FeedForwardLength]));
            specs.Add((prefix + "ffn_down.weight", [shape.FeedForwardLength, embd]));
            specs.Add((prefix + "ffn_up.weight", [embd, shape.FeedForwardLength]));
        }

        var tensors = new List<GgufTensorInfo>(specs.Count);
        long offset = 0;
        foreach (var (name, dims) in specs)
        {
            var tensorType = dims.Length == 1 ? GgmlType.F32 : type;
            var bytes = tensorType.ByteSize(dims.Aggregate(1L, (product, dim) => checked(product * dim)));
            tensors.Add(new GgufTensorInfo(name, dims, tensorType, offset, bytes));
            offset = GgufReader.Align(offset + bytes, GgufFile.DefaultAlignment);
        }
        return new GgufModelLayout(shape, type, tensors);
    }
}

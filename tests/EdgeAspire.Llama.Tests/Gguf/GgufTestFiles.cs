using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests.Gguf;

/// <summary>Builds small GGUF byte images (valid or deliberately broken) for reader tests.</summary>
internal static class GgufTestFiles
{
    public static byte[] Build(
        IEnumerable<(string Key, GgufValueType Type, object Value)> metadata,
        IReadOnlyList<GgufTensorInfo>? tensors = null,
        long dataBytes = -1)
    {
        tensors ??= [];
        using var stream = new MemoryStream();
        GgufHeaderWriter.Write(stream, metadata.Select(entry => new KeyValuePair<string, GgufValue>(entry.Key, new GgufValue(entry.Type, entry.Value))), tensors);
        var data = dataBytes >= 0 ? dataBytes : tensors.Sum(tensor => GgufReaderAlign(tensor.ByteSize));
        stream.Write(new byte[data]);
        return stream.ToArray();
    }

    /// <summary>A tensor info; its byte size is computed when the shape and type allow, else 0 (it is never written).</summary>
    public static GgufTensorInfo Tensor(string name, long[] shape, GgmlType type = GgmlType.F32, long offset = 0)
    {
        var valid = type.IsKnown() && shape.Length > 0 && shape.All(dim => dim is > 0 and < (1L << 20)) && shape[0] % type.BlockSize() == 0;
        return new(name, shape, type, offset, valid ? type.ByteSize(shape.Aggregate(1L, (a, b) => a * b)) : 0);
    }

    public static void Patch(byte[] bytes, long offset, ulong value, int size = 8)
    {
        for (var i = 0; i < size; i++)
        {
            bytes[offset + i] = (byte)(value >> (8 * i));
        }
    }

    private static long GgufReaderAlign(long size) => (size + 31) / 32 * 32;
}

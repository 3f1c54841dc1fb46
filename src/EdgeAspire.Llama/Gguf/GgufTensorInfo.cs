namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// One tensor's description. <see cref="Shape"/> is in ggml order (ne0 first: the contiguous row length);
/// <see cref="Offset"/> is relative to the start of the data section (<see cref="GgufFile.DataOffset"/>).
/// </summary>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Shape, GgmlType Type, long Offset, long ByteSize)
{
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dimension in Shape)
            {
                count *= dimension;
            }
            return count;
        }
    }
}

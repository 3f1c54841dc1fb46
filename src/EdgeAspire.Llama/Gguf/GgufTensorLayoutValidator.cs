namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Checks that tensor data lies inside the file as llama.cpp lays it out: each offset aligned, and tensors
/// packed in declaration order, each padded to the alignment (gguf.cpp refuses any other layout).
/// </summary>
internal static class GgufTensorLayoutValidator
{
    /// <summary>Returns the absolute end of the last tensor's data.</summary>
    public static long Validate(IReadOnlyList<GgufTensorInfo> tensors, long dataOffset, long alignment, long fileLength)
    {
        long expected = 0;
        var end = dataOffset;
        foreach (var tensor in tensors)
        {
            if (tensor.Offset % alignment != 0)
            {
                throw new GgufFormatException(dataOffset + tensor.Offset, $"tensor '{tensor.Name}' data offset {tensor.Offset} is not a multiple of the alignment {alignment}");
            }
            if (tensor.ByteSize > fileLength - dataOffset - tensor.Offset)
            {
                throw new GgufFormatException(dataOffset + tensor.Offset, $"tensor '{tensor.Name}' data ({tensor.ByteSize} bytes at data offset {tensor.Offset}) runs past the end of the {fileLength}-byte file");
            }
            if (tensor.Offset != expected)
            {
                throw new GgufFormatException(dataOffset + tensor.Offset, $"tensor '{tensor.Name}' data offset {tensor.Offset} should be {expected} (tensors are packed in order)");
            }
            end = dataOffset + tensor.Offset + tensor.ByteSize;
            expected = GgufReader.Align(tensor.Offset + tensor.ByteSize, alignment);
        }
        return end;
    }
}

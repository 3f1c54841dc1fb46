namespace EdgeAspire.Llama.Gguf;

/// <summary>Reads and checks one tensor description: name, dimensions, ggml type and data offset.</summary>
internal static class GgufTensorInfoReader
{
    public static GgufTensorInfo Read(GgufStreamReader reader, long index)
    {
        var start = reader.Position;
        var name = reader.ReadString($"the name of tensor {index}", GgufLimits.MaxTensorNameLength, $"{GgufLimits.MaxTensorNameLength}-byte tensor name");
        var shape = ReadShape(reader, name);
        var type = ReadType(reader, name);
        var elements = ElementCount(shape, name, start);
        if (shape[0] % type.BlockSize() != 0)
        {
            throw new GgufFormatException(start, $"tensor '{name}' rows of {shape[0]} elements are not whole {type} blocks of {type.BlockSize()}");
        }
        var byteSize = elements / type.BlockSize() > long.MaxValue / type.BytesPerBlock()
            ? throw new GgufFormatException(start, $"tensor '{name}' byte size overflows")
            : type.ByteSize(elements);

        var offsetPosition = reader.Position;
        var offset = reader.ReadUInt64($"the data offset of tensor '{name}'");
        if (offset > (ulong)reader.Length)
        {
            throw new GgufFormatException(offsetPosition, $"tensor '{name}' data offset {offset} is past the end of the {reader.Length}-byte file");
        }
        return new GgufTensorInfo(name, shape, type, (long)offset, byteSize);
    }

    private static long[] ReadShape(GgufStreamReader reader, string name)
    {
        var start = reader.Position;
        var dimensionCount = reader.ReadUInt32($"the dimension count of tensor '{name}'");
        if (dimensionCount is 0 or > GgufLimits.MaxDimensions)
        {
            throw new GgufFormatException(start, $"tensor '{name}' has {dimensionCount} dimensions (1..{GgufLimits.MaxDimensions} allowed)");
        }
        var shape = new long[dimensionCount];
        for (var i = 0; i < shape.Length; i++)
        {
            var position = reader.Position;
            shape[i] = reader.ReadInt64($"dimension {i} of tensor '{name}'");
            if (shape[i] <= 0)
            {
                throw new GgufFormatException(position, $"tensor '{name}' dimension {i} is {shape[i]} (must be > 0)");
            }
        }
        return shape;
    }

    private static GgmlType ReadType(GgufStreamReader reader, string name)
    {
        var start = reader.Position;
        var raw = reader.ReadInt32($"the type of tensor '{name}'");
        var type = (GgmlType)raw;
        return Enum.IsDefined(type) && type.IsKnown()
            ? type
            : throw new GgufFormatException(start, $"tensor '{name}' has unknown ggml type {raw}");
    }

    private static long ElementCount(long[] shape, string name, long start)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            if (count > long.MaxValue / dimension)
            {
                throw new GgufFormatException(start, $"tensor '{name}' shape [{string.Join(", ", shape)}] overflows a 64-bit element count");
            }
            count *= dimension;
        }
        return count;
    }
}

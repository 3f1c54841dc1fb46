using System.Text;

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Writes a GGUF v3 header, metadata and tensor infos (everything before the data section), padded to the
/// alignment. It writes whatever it is given, which also lets tests build malformed files on purpose.
/// </summary>
internal static class GgufHeaderWriter
{
    public static void Write(Stream output, IEnumerable<KeyValuePair<string, GgufValue>> metadata, IReadOnlyList<GgufTensorInfo> tensors,
        uint version = 3, uint alignment = GgufFile.DefaultAlignment)
    {
        var entries = metadata.ToList();
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write("GGUF"u8);
        writer.Write(version);
        writer.Write((ulong)tensors.Count);
        writer.Write((ulong)entries.Count);
        foreach (var (key, value) in entries)
        {
            WriteString(writer, key);
            writer.Write((uint)value.Type);
            WriteValue(writer, value.Type, value.Value);
        }
        foreach (var tensor in tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Shape.Count);
            foreach (var dimension in tensor.Shape)
            {
                writer.Write(dimension);
            }
            writer.Write((int)tensor.Type);
            writer.Write((ulong)tensor.Offset);
        }
        writer.Flush();
        if (tensors.Count > 0)
        {
            WritePadding(output, alignment);
        }
    }

    /// <summary>Zero bytes up to the next multiple of <paramref name="alignment"/> from the stream's start.</summary>
    public static void WritePadding(Stream output, long alignment)
    {
        var padding = (int)(GgufReader.Align(output.Position, alignment) - output.Position);
        Span<byte> zeros = stackalloc byte[padding];
        zeros.Clear();
        output.Write(zeros);
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteValue(BinaryWriter writer, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.Str:
                WriteString(writer, (string)value);
                break;
            case GgufValueType.Arr:
                var array = (GgufArray)value;
                writer.Write((uint)array.ElementType);
                writer.Write((ulong)array.Count);
                foreach (var item in array.Items)
                {
                    WriteValue(writer, array.ElementType, item);
                }
                break;
            default:
                WriteScalar(writer, value);
                break;
        }
    }

    private static void WriteScalar(BinaryWriter writer, object value)
    {
        switch (value)
        {
            case byte v: writer.Write(v); break;
            case sbyte v: writer.Write(v); break;
            case ushort v: writer.Write(v); break;
            case short v: writer.Write(v); break;
            case uint v: writer.Write(v); break;
            case int v: writer.Write(v); break;
            case float v: writer.Write(v); break;
            case bool v: writer.Write(v); break;
            case ulong v: writer.Write(v); break;
            case long v: writer.Write(v); break;
            case double v: writer.Write(v); break;
            default: throw new ArgumentException($"{value.GetType().Name} is not a GGUF scalar", nameof(value));
        }
    }
}

namespace EdgeAspire.Llama.Gguf;

/// <summary>Reads one metadata value of a known type, including arrays and arrays of arrays.</summary>
internal static class GgufValueReader
{
    public static GgufValue Read(GgufStreamReader reader, string key)
    {
        var type = ReadType(reader, $"the type of '{key}'");
        return new GgufValue(type, ReadValue(reader, type, key, depth: 0));
    }

    private static GgufValueType ReadType(GgufStreamReader reader, string what)
    {
        var start = reader.Position;
        var raw = reader.ReadUInt32(what);
        return raw <= (uint)GgufValueType.F64
            ? (GgufValueType)raw
            : throw new GgufFormatException(start, $"{what} is {raw}, not a GGUF value type (0..12)");
    }

    private static object ReadValue(GgufStreamReader reader, GgufValueType type, string key, int depth) => type switch
    {
        GgufValueType.U8 => reader.ReadByte(key),
        GgufValueType.I8 => unchecked((sbyte)reader.ReadByte(key)),
        GgufValueType.U16 => (ushort)ReadUInt16(reader, key),
        GgufValueType.I16 => unchecked((short)ReadUInt16(reader, key)),
        GgufValueType.U32 => reader.ReadUInt32(key),
        GgufValueType.I32 => reader.ReadInt32(key),
        GgufValueType.F32 => BitConverter.UInt32BitsToSingle(reader.ReadUInt32(key)),
        GgufValueType.Bool => reader.ReadByte(key) != 0,
        GgufValueType.Str => reader.ReadString($"the string value of '{key}'", GgufLimits.MaxStringLength, GgufLimits.MaxStringLengthText),
        GgufValueType.U64 => reader.ReadUInt64(key),
        GgufValueType.I64 => reader.ReadInt64(key),
        GgufValueType.F64 => BitConverter.UInt64BitsToDouble(reader.ReadUInt64(key)),
        _ => ReadArray(reader, key, depth),
    };

    private static ushort ReadUInt16(GgufStreamReader reader, string key)
    {
        Span<byte> bytes = stackalloc byte[2];
        reader.ReadExactly(bytes, key);
        return (ushort)(bytes[0] | (bytes[1] << 8));
    }

    private static GgufArray ReadArray(GgufStreamReader reader, string key, int depth)
    {
        var start = reader.Position;
        if (depth >= GgufLimits.MaxArrayDepth)
        {
            throw new GgufFormatException(start, $"array '{key}' nests deeper than {GgufLimits.MaxArrayDepth} levels");
        }
        var elementType = ReadType(reader, $"the element type of array '{key}'");
        var countOffset = reader.Position;
        var count = reader.ReadUInt64($"the element count of array '{key}'");
        if (count > (ulong)GgufLimits.MaxArrayCount)
        {
            throw new GgufFormatException(countOffset, $"array '{key}' count {count} exceeds the limit of {GgufLimits.MaxArrayCount}");
        }
        var minBytes = MinElementBytes(elementType);
        if (count > (ulong)(reader.Remaining / minBytes))
        {
            throw new GgufFormatException(countOffset, $"array '{key}' count {count} needs more bytes than the {reader.Remaining} left in the file");
        }
        var n = (int)count;
        return new GgufArray(elementType, elementType switch
        {
            GgufValueType.Str => Fill<string>(reader, elementType, key, depth, n),
            GgufValueType.Arr => Fill<GgufArray>(reader, elementType, key, depth, n),
            _ => ReadPrimitiveArray(reader, elementType, key, n),
        });
    }

    private static T[] Fill<T>(GgufStreamReader reader, GgufValueType elementType, string key, int depth, int count)
    {
        var items = new T[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = (T)ReadValue(reader, elementType, key, depth + 1);
        }
        return items;
    }

    // Fixed-size elements are read as one block and reinterpreted: a 256k-entry float array stays one allocation.
    private static Array ReadPrimitiveArray(GgufStreamReader reader, GgufValueType elementType, string key, int count)
    {
        var bytes = new byte[(long)count * MinElementBytes(elementType)];
        reader.ReadExactly(bytes, $"the elements of array '{key}'");
        return elementType switch
        {
            GgufValueType.U8 => bytes,
            GgufValueType.I8 => Cast<sbyte>(bytes),
            GgufValueType.U16 => Cast<ushort>(bytes),
            GgufValueType.I16 => Cast<short>(bytes),
            GgufValueType.U32 => Cast<uint>(bytes),
            GgufValueType.I32 => Cast<int>(bytes),
            GgufValueType.F32 => Cast<float>(bytes),
            GgufValueType.Bool => Array.ConvertAll(bytes, b => b != 0),
            GgufValueType.U64 => Cast<ulong>(bytes),
            GgufValueType.I64 => Cast<long>(bytes),
            _ => Cast<double>(bytes),
        };
    }

    private static T[] Cast<T>(byte[] bytes)
        where T : unmanaged
    {
        // GGUF v3 files are little-endian, like every platform .NET runs llama.cpp on.
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    private static int MinElementBytes(GgufValueType type) => type switch
    {
        GgufValueType.U8 or GgufValueType.I8 or GgufValueType.Bool => 1,
        GgufValueType.U16 or GgufValueType.I16 => 2,
        GgufValueType.U32 or GgufValueType.I32 or GgufValueType.F32 => 4,
        GgufValueType.U64 or GgufValueType.I64 or GgufValueType.F64 => 8,
        GgufValueType.Str => GgufLimits.MinStringBytes,
        _ => GgufLimits.MinArrayHeaderBytes,
    };
}

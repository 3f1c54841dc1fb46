using System.Text;

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Parses the header, metadata and tensor descriptions of a GGUF v2/v3 file in managed code, so a corrupt or
/// hostile file is refused with a clear <see cref="GgufFormatException"/> before llama.cpp's loader (which can
/// crash or hang on one) ever sees it. Tensor data is never read.
/// </summary>
public static class GgufReader
{
    private static readonly byte[] s_magic = "GGUF"u8.ToArray();

    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(stream);
    }

    /// <summary>Reads from the stream's current position, which counts as offset 0; the stream must be seekable.</summary>
    public static GgufFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("GGUF needs a readable, seekable stream (its length bounds every count)", nameof(stream));
        }
        var reader = new GgufStreamReader(stream);
        try
        {
            return Parse(reader);
        }
        catch (Exception ex) when (ex is EndOfStreamException or OverflowException or ArgumentException
            or InvalidCastException or IndexOutOfRangeException or DecoderFallbackException)
        {
            // Belt and braces: the checks below should make these impossible, but a caller must only ever see one
            // exception type for bad bytes.
            throw new GgufFormatException(reader.Position, ex.Message, ex);
        }
    }

    private static GgufFile Parse(GgufStreamReader reader)
    {
        var (version, tensorCount, kvCount) = ReadHeader(reader);
        var metadata = ReadMetadata(reader, kvCount);
        var alignment = metadata.TryGetUInt32(GgufKeys.Alignment, out var value) ? value : GgufFile.DefaultAlignment;
        var tensors = ReadTensorInfos(reader, tensorCount);

        // llama.cpp pads to the alignment only when there is tensor data; vocab-only files end right after the infos.
        var dataOffset = tensorCount == 0 ? reader.Position : Align(reader.Position, alignment);
        if (dataOffset > reader.Length)
        {
            throw new GgufFormatException(reader.Position, $"the data section would start at byte {dataOffset}, past the end of the {reader.Length}-byte file");
        }
        var tensorDataEnd = GgufTensorLayoutValidator.Validate(tensors, dataOffset, alignment, reader.Length);
        return new GgufFile(version, metadata, tensors, alignment, dataOffset, tensorDataEnd, reader.Length);
    }

    private static (uint Version, long TensorCount, long KvCount) ReadHeader(GgufStreamReader reader)
    {
        Span<byte> magic = stackalloc byte[4];
        reader.ReadExactly(magic, "the magic");
        if (!magic.SequenceEqual(s_magic))
        {
            throw new GgufFormatException(0, $"magic is {Convert.ToHexString(magic)}, not \"GGUF\" (47475546)");
        }
        var version = reader.ReadUInt32("the version");
        if (version is not (2 or 3))
        {
            var hint = (version & 0xFFFF) == 0 ? " (a big-endian file?)" : version == 1 ? " (GGUF v1 is no longer supported)" : "";
            throw new GgufFormatException(4, $"version {version} is not supported (2 or 3){hint}");
        }
        var tensorCount = ReadCount(reader, "tensor count", GgufLimits.MaxTensorCount, GgufLimits.MinTensorInfoBytes);
        var kvCount = ReadCount(reader, "metadata key/value count", GgufLimits.MaxKeyValueCount, GgufLimits.MinKeyValueBytes);
        return (version, tensorCount, kvCount);
    }

    private static long ReadCount(GgufStreamReader reader, string what, long max, int minBytesEach)
    {
        var start = reader.Position;
        var count = reader.ReadUInt64($"the {what}");
        if (count > (ulong)max)
        {
            throw new GgufFormatException(start, $"{what} {count} exceeds the limit of {max}");
        }
        if (count > (ulong)(reader.Remaining / minBytesEach))
        {
            throw new GgufFormatException(start, $"{what} {count} cannot fit in the {reader.Remaining} bytes left in the file");
        }
        return (long)count;
    }

    private static GgufMetadata ReadMetadata(GgufStreamReader reader, long kvCount)
    {
        var entries = new List<KeyValuePair<string, GgufValue>>((int)Math.Min(kvCount, 1024));
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        for (long i = 0; i < kvCount; i++)
        {
            var start = reader.Position;
            var key = reader.ReadString($"key {i}", GgufLimits.MaxKeyLength, $"{GgufLimits.MaxKeyLength}-byte key");
            if (key.Length == 0)
            {
                throw new GgufFormatException(start, $"key {i} is empty");
            }
            if (!offsets.TryAdd(key, start))
            {
                throw new GgufFormatException(start, $"duplicate key '{key}'");
            }
            entries.Add(new(key, GgufValueReader.Read(reader, key)));
        }
        var metadata = new GgufMetadata(entries);
        CheckAlignment(metadata, offsets);
        return metadata;
    }

    private static void CheckAlignment(GgufMetadata metadata, Dictionary<string, long> offsets)
    {
        if (!metadata.TryGetValue(GgufKeys.Alignment, out var value))
        {
            return;
        }
        var offset = offsets[GgufKeys.Alignment];
        if (value.Value is not uint alignment)
        {
            throw new GgufFormatException(offset, $"'{GgufKeys.Alignment}' must be U32, not {value.Type}");
        }
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new GgufFormatException(offset, $"'{GgufKeys.Alignment}' {alignment} is not a power of two");
        }
    }

    private static List<GgufTensorInfo> ReadTensorInfos(GgufStreamReader reader, long tensorCount)
    {
        var tensors = new List<GgufTensorInfo>((int)Math.Min(tensorCount, 4096));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < tensorCount; i++)
        {
            var start = reader.Position;
            var tensor = GgufTensorInfoReader.Read(reader, i);
            if (!names.Add(tensor.Name))
            {
                throw new GgufFormatException(start, $"duplicate tensor '{tensor.Name}'");
            }
            tensors.Add(tensor);
        }
        return tensors;
    }

    internal static long Align(long offset, long alignment) => (offset + alignment - 1) / alignment * alignment;
}

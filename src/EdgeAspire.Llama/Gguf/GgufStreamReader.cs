using System.Buffers.Binary;
using System.Text;

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Little-endian primitive reads over a seekable stream with its own buffer, tracking the absolute offset so
/// every error can say where it happened (relative to the stream position it started at). Running out of bytes is a <see cref="GgufFormatException"/>.
/// </summary>
internal sealed class GgufStreamReader
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _bufferLength;
    private int _bufferPosition;
    private long _bufferStart;

    public GgufStreamReader(Stream stream)
    {
        _stream = stream;
        // Offsets are relative to where the GGUF data starts, as in llama.cpp (alignment counts from there too).
        Length = stream.Length - stream.Position;
    }

    /// <summary>Bytes from the start of the GGUF data to the end of the stream.</summary>
    public long Length { get; }

    public long Position => _bufferStart + _bufferPosition;

    public long Remaining => Math.Max(0, Length - Position);

    public byte ReadByte(string what)
    {
        Span<byte> one = stackalloc byte[1];
        ReadExactly(one, what);
        return one[0];
    }

    public uint ReadUInt32(string what)
    {
        Span<byte> bytes = stackalloc byte[4];
        ReadExactly(bytes, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public int ReadInt32(string what) => unchecked((int)ReadUInt32(what));

    public ulong ReadUInt64(string what)
    {
        Span<byte> bytes = stackalloc byte[8];
        ReadExactly(bytes, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    public long ReadInt64(string what) => unchecked((long)ReadUInt64(what));

    /// <summary>Reads a GGUF string (u64 length + bytes, no NUL), refusing lengths over the limit before allocating.</summary>
    public string ReadString(string what, int maxLength, string maxLengthText)
    {
        var start = Position;
        var length = ReadUInt64($"the length of {what}");
        if (length > (ulong)maxLength)
        {
            throw new GgufFormatException(start, $"{what} length {length} exceeds the {maxLengthText} limit");
        }
        if (length > (ulong)Remaining)
        {
            throw new GgufFormatException(start, $"{what} length {length} runs past the end of the file ({Remaining} bytes left)");
        }
        if (length == 0)
        {
            return string.Empty;
        }
        var bytes = length <= 1024 ? stackalloc byte[(int)length] : new byte[length];
        ReadExactly(bytes, what);
        // Vocabularies hold byte fragments that are not valid UTF-8 on their own; decode leniently (U+FFFD)
        // as llama.cpp itself never decodes them.
        return Encoding.UTF8.GetString(bytes);
    }

    public void ReadExactly(Span<byte> destination, string what)
    {
        var start = Position;
        while (!destination.IsEmpty)
        {
            if (_bufferPosition == _bufferLength && !Fill())
            {
                throw new GgufFormatException(start, $"unexpected end of file while reading {what}");
            }
            var count = Math.Min(destination.Length, _bufferLength - _bufferPosition);
            _buffer.AsSpan(_bufferPosition, count).CopyTo(destination);
            _bufferPosition += count;
            destination = destination[count..];
        }
    }

    private bool Fill()
    {
        _bufferStart += _bufferLength;
        _bufferPosition = 0;
        _bufferLength = _bufferStart >= Length ? 0 : _stream.Read(_buffer, 0, _buffer.Length);
        return _bufferLength > 0;
    }
}

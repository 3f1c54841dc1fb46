using System.Text;

namespace EdgeAspire.Llama.Inference;

/// <summary>Turns token pieces into text without splitting a UTF-8 character: bytes of an incomplete character
/// wait for the next piece. Invalid bytes become U+FFFD.</summary>
internal sealed class Utf8PieceDecoder
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Decoder _decoder = s_utf8.GetDecoder();

    public string Push(ReadOnlySpan<byte> piece) => Decode(piece, flush: false);

    public string Flush() => Decode([], flush: true);

    private string Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        Span<char> chars = stackalloc char[bytes.Length + 4];
        var n = _decoder.GetChars(bytes, chars, flush);
        return n == 0 ? "" : new string(chars[..n]);
    }
}

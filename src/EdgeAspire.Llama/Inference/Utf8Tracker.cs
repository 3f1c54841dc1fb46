namespace EdgeAspire.Llama.Inference;

/// <summary>
/// Where a byte stream stands in strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
/// llama.cpp's grammar decodes token bytes leniently, so a random model could pass it a sequence such as C3 22 (a
/// lead byte swallowing a quote) that .NET then decodes as U+FFFD and a real quote: the text would leave the grammar.
/// Tokens that would break strict UTF-8 are therefore refused beside the grammar.
/// </summary>
internal struct Utf8Tracker
{
    private int _remaining;
    private byte _low;
    private byte _high;

    public readonly Utf8Tracker Clone() => this;

    /// <summary>Whether <paramref name="bytes"/> may follow; the tracker moves on only when they may.</summary>
    public bool TryAdvance(ReadOnlySpan<byte> bytes)
    {
        var next = this;
        foreach (var b in bytes)
        {
            if (!next.Accept(b))
            {
                return false;
            }
        }
        this = next;
        return true;
    }

    private bool Accept(byte b)
    {
        if (_remaining > 0)
        {
            if (b < _low || b > _high)
            {
                return false;
            }
            _remaining--;
            (_low, _high) = (0x80, 0xBF);
            return true;
        }
        (_remaining, _low, _high) = b switch
        {
            < 0x80 => (0, (byte)0, (byte)0),
            >= 0xC2 and <= 0xDF => (1, (byte)0x80, (byte)0xBF),
            0xE0 => (2, (byte)0xA0, (byte)0xBF),
            0xED => (2, (byte)0x80, (byte)0x9F),
            >= 0xE1 and <= 0xEF => (2, (byte)0x80, (byte)0xBF),
            0xF0 => (3, (byte)0x90, (byte)0xBF),
            >= 0xF1 and <= 0xF3 => (3, (byte)0x80, (byte)0xBF),
            0xF4 => (3, (byte)0x80, (byte)0x8F),
            _ => (-1, (byte)0, (byte)0),
        };
        if (_remaining < 0)
        {
            _remaining = 0;
            return false;
        }
        return true;
    }
}

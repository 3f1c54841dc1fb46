namespace EdgeAspire.Llama.Gguf;

/// <summary>The bytes are not a GGUF file this reader accepts; <see cref="Offset"/> is where the problem starts.</summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException()
        : this(0, "unknown problem")
    {
    }

    public GgufFormatException(string message)
        : base(message)
    {
        Reason = message;
    }

    public GgufFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public GgufFormatException(long offset, string reason, Exception? innerException = null)
        : base($"invalid GGUF at byte {offset}: {reason}", innerException)
    {
        Offset = offset;
        Reason = reason;
    }

    public long Offset { get; }

    public string Reason { get; }
}

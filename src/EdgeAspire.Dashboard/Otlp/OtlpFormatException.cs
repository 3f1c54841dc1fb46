namespace EdgeAspire.Dashboard.Otlp;

/// <summary>An export body that is not the OTLP message it claims to be; the receiver answers 400 with its message.</summary>
public sealed class OtlpFormatException : Exception
{
    public OtlpFormatException()
    {
    }

    public OtlpFormatException(string message)
        : base(message)
    {
    }

    public OtlpFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

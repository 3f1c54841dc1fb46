namespace EdgeAspire.Llama;

/// <summary>llama.cpp could not be loaded or refused an operation.</summary>
public sealed class LlamaRuntimeException : Exception
{
    public LlamaRuntimeException() { }

    public LlamaRuntimeException(string message) : base(message) { }

    public LlamaRuntimeException(string message, Exception innerException) : base(message, innerException) { }
}

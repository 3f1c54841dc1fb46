namespace EdgeAspire.Llama.Inference;

/// <summary>The engine's request queue is full; retry later (HTTP 429).</summary>
public sealed class QueueFullException : Exception
{
    public QueueFullException() { }

    public QueueFullException(string message) : base(message) { }

    public QueueFullException(string message, Exception innerException) : base(message, innerException) { }
}

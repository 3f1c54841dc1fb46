namespace EdgeAspire.Llama.Inference;

public enum FinishReason
{
    /// <summary>An end-of-generation token or a stop sequence.</summary>
    Stop,

    /// <summary>The token limit of the request or the context was reached.</summary>
    Length,

    /// <summary>The caller cancelled; the sequence stopped at the next token.</summary>
    Cancelled,
}

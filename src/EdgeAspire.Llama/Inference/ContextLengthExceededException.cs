namespace EdgeAspire.Llama.Inference;

/// <summary>The prompt does not fit a sequence's context.</summary>
public sealed class ContextLengthExceededException : Exception
{
    public ContextLengthExceededException() { }

    public ContextLengthExceededException(string message) : base(message) { }

    public ContextLengthExceededException(string message, Exception innerException) : base(message, innerException) { }

    public ContextLengthExceededException(int promptTokens, int contextSize)
        : base($"The prompt has {promptTokens} tokens but the context holds {contextSize}.")
    {
        PromptTokens = promptTokens;
        ContextSize = contextSize;
    }

    public int PromptTokens { get; }

    public int ContextSize { get; }
}

namespace EdgeAspire.Llama.Inference;

public sealed class InferenceEngineOptions
{
    public LlamaContextOptions Context { get; set; } = new();

    /// <summary>Requests that may wait for a free sequence; one more is refused with <see cref="QueueFullException"/>.</summary>
    public int QueueLength { get; set; } = 16;
}

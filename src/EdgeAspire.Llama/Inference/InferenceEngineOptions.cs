namespace EdgeAspire.Llama.Inference;

public sealed class InferenceEngineOptions
{
    public LlamaContextOptions Context { get; set; } = new();

    /// <summary>Requests that may wait for a free sequence; one more is refused with <see cref="QueueFullException"/>.</summary>
    public int QueueLength { get; set; } = 16;

    /// <summary>Span events on the decode span: 0 none, 1 every token, N every Nth token (setting
    /// <c>Telemetry:TokenEvents</c>). Each event carries the token's index and the gap since the previous token.</summary>
    public int TokenEvents { get; set; } = 1;
}

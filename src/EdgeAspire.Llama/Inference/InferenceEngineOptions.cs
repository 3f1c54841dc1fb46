namespace EdgeAspire.Llama.Inference;

public sealed class InferenceEngineOptions
{
    public LlamaContextOptions Context { get; set; } = new();

    /// <summary>Requests that may wait for a free sequence; one more is refused with <see cref="QueueFullException"/>.</summary>
    public int QueueLength { get; set; } = 16;

    /// <summary>Span events on the decode span: 0 none, 1 every token, N every Nth token (setting
    /// <c>Telemetry:TokenEvents</c>). Each event carries the token's index and the gap since the previous token.</summary>
    public int TokenEvents { get; set; } = 1;

    /// <summary>Most prompt tokens evaluated per step while other sequences are generating, so a long prompt
    /// delays their next token by one chunk rather than by its whole evaluation. Alone, a prompt takes the whole
    /// batch. On two cores a 0.5B model evaluates 64 prompt tokens in about half a second (≈ 130 tok/s).</summary>
    public int PrefillChunk { get; set; } = 64;
}

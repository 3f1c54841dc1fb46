namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Shapes of the models the paper measures, for synthetic files whose speed and memory match the real ones.
/// Context lengths are the models' training context (what <c>{arch}.context_length</c> would say); serving picks
/// its own n_ctx. Every shape is laid out as the llama architecture with untied output weights, so parameter
/// counts include an output matrix even where the real model ties it to the embeddings (Qwen2.5, Gemma).
/// </summary>
public static class GgufPresets
{
    /// <summary>For tests: small enough to write in milliseconds, every dimension a multiple of 32.</summary>
    public static GgufModelShape Tiny { get; } = new("tiny", 512, 64, 2, 4, 2, 128, 512);

    public static GgufModelShape Qwen25_0_5B { get; } = new("qwen2.5-0.5b", 151936, 896, 24, 14, 2, 4864, 32768);

    public static GgufModelShape Llama32_1B { get; } = new("llama-3.2-1b", 128256, 2048, 16, 32, 8, 8192, 131072);

    public static GgufModelShape Llama32_3B { get; } = new("llama-3.2-3b", 128256, 3072, 28, 24, 8, 8192, 131072);

    public static GgufModelShape Phi3Mini { get; } = new("phi-3-mini", 32064, 3072, 32, 32, 32, 8192, 4096);

    /// <summary>
    /// Yi has no 1.5B model in the Yi-1.5 series (6B/9B/34B); the one Yi of that size is Yi-Coder-1.5B, whose
    /// config this is (64k vocab, 2048 × 24 layers, no GQA, n_ff 5504 = 43 × 128: fine for 32-element Q4_0/Q8_0
    /// blocks, not for 256-element k-quants).
    /// </summary>
    public static GgufModelShape Yi15B { get; } = new("yi-1.5b", 64000, 2048, 24, 16, 16, 5504, 131072);

    /// <summary>Gemma 2B: 8 heads of 256 (head dimension 256, not the usual 64/128) and a single KV head (MQA).</summary>
    public static GgufModelShape Gemma2B { get; } = new("gemma-2b", 256000, 2048, 18, 8, 1, 16384, 8192);

    public static GgufModelShape Mistral7B { get; } = new("mistral-7b", 32000, 4096, 32, 32, 8, 14336, 32768);

    public static IReadOnlyList<GgufModelShape> All { get; } =
        [Tiny, Qwen25_0_5B, Llama32_1B, Llama32_3B, Phi3Mini, Yi15B, Gemma2B, Mistral7B];

    /// <summary>The preset called <paramref name="name"/> (e.g. "qwen2.5-0.5b"), ignoring case.</summary>
    public static GgufModelShape Get(string name) =>
        All.FirstOrDefault(shape => string.Equals(shape.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no preset '{name}'; known: {string.Join(", ", All.Select(shape => shape.Name))}", nameof(name));
}

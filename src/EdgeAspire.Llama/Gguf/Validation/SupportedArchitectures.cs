namespace EdgeAspire.Llama.Gguf.Validation;

/// <summary>
/// The architectures this server runs, each with the tokenizer models (<c>tokenizer.ggml.model</c>) its real
/// models ship with. llama.cpp loads any pairing but then asserts on some: "bert" (WordPiece) on a llama file has
/// no end-of-sequence token and adds a separator the vocabulary lacks, which aborts at the first tokenization.
/// </summary>
internal static class SupportedArchitectures
{
    private static readonly Dictionary<string, string[]> s_tokenizers = new(StringComparer.Ordinal)
    {
        // Llama 1/2, Mistral, Zephyr and Yi use SentencePiece ("llama"); Llama 3 uses byte-level BPE ("gpt2").
        ["llama"] = ["llama", "gpt2"],
        ["qwen2"] = ["gpt2"],
        ["qwen3"] = ["gpt2"],
        ["phi3"] = ["llama"],
        ["gemma"] = ["llama"],
        ["gemma2"] = ["llama"],
        ["gemma3"] = ["llama"],
        ["internlm2"] = ["llama"],
    };

    public static string Names => string.Join(", ", s_tokenizers.Keys);

    /// <summary>The tokenizer models <paramref name="architecture"/> accepts, or null when it is not supported.</summary>
    public static IReadOnlyList<string>? TokenizersOf(string architecture) =>
        s_tokenizers.TryGetValue(architecture, out var tokenizers) ? tokenizers : null;
}

namespace EdgeAspire.ModelStore.Catalog;

/// <summary>
/// The paper's model families as 4-bit GGUF files on Hugging Face (official GGUF repos where they exist, otherwise
/// the widely used bartowski/TheBloke quantisations), plus a small default chat model a laptop pulls in minutes.
/// Hashes and sizes are left to the Hub's metadata so a re-upload does not break the catalog.
/// </summary>
internal static class BuiltInCatalog
{
    public const string DefaultModelId = "qwen2.5-0.5b-instruct";

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new(DefaultModelId, "Qwen/Qwen2.5-0.5B-Instruct-GGUF", "qwen2.5-0.5b-instruct-q4_k_m.gguf", "main", "Q4_K_M", "0.5B", "apache-2.0"),
        new("yi-coder-1.5b-chat", "bartowski/Yi-Coder-1.5B-Chat-GGUF", "Yi-Coder-1.5B-Chat-Q4_K_M.gguf", "main", "Q4_K_M", "1.5B", "apache-2.0"),
        new("phi-3-mini-4k-instruct", "microsoft/Phi-3-mini-4k-instruct-gguf", "Phi-3-mini-4k-instruct-q4.gguf", "main", "Q4_K_M", "3.8B", "mit"),
        new("llama-3.2-1b-instruct", "bartowski/Llama-3.2-1B-Instruct-GGUF", "Llama-3.2-1B-Instruct-Q4_K_M.gguf", "main", "Q4_K_M", "1.2B", "llama3.2"),
        new("llama-3.2-3b-instruct", "bartowski/Llama-3.2-3B-Instruct-GGUF", "Llama-3.2-3B-Instruct-Q4_K_M.gguf", "main", "Q4_K_M", "3.2B", "llama3.2"),
        new("gemma-2-2b-it", "bartowski/gemma-2-2b-it-GGUF", "gemma-2-2b-it-Q4_K_M.gguf", "main", "Q4_K_M", "2.6B", "gemma"),
        new("mistral-7b-instruct-v0.2", "TheBloke/Mistral-7B-Instruct-v0.2-GGUF", "mistral-7b-instruct-v0.2.Q4_K_M.gguf", "main", "Q4_K_M", "7.2B", "apache-2.0"),
        new("llama-2-7b-chat", "TheBloke/Llama-2-7B-Chat-GGUF", "llama-2-7b-chat.Q4_K_M.gguf", "main", "Q4_K_M", "6.7B", "llama2"),
        new("zephyr-7b-beta", "TheBloke/zephyr-7B-beta-GGUF", "zephyr-7b-beta.Q4_K_M.gguf", "main", "Q4_K_M", "7.2B", "mit"),
        new("internlm2.5-7b-chat", "internlm/internlm2_5-7b-chat-gguf", "internlm2_5-7b-chat-q4_k_m.gguf", "main", "Q4_K_M", "7.7B", "other"),
    ];
}

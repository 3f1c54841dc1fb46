using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// The shapes and parameter counts of the ModelStore's built-in catalog (its <c>Parameters</c> column; the configs
/// are the models' published ones), so a worker can be sized before its file has been downloaded anywhere.
/// </summary>
internal static class CatalogModelShapes
{
    private static readonly Dictionary<string, (GgufModelShape Shape, double Parameters)> s_models = new(StringComparer.Ordinal)
    {
        ["qwen2.5-0.5b-instruct"] = (GgufPresets.Qwen25_0_5B, 0.5e9),
        ["yi-coder-1.5b-chat"] = (GgufPresets.Yi15B, 1.5e9),
        ["phi-3-mini-4k-instruct"] = (GgufPresets.Phi3Mini, 3.8e9),
        ["llama-3.2-1b-instruct"] = (GgufPresets.Llama32_1B, 1.2e9),
        ["llama-3.2-3b-instruct"] = (GgufPresets.Llama32_3B, 3.2e9),
        ["gemma-2-2b-it"] = (new GgufModelShape("gemma-2-2b", 256000, 2304, 26, 8, 4, 9216, 8192), 2.6e9),
        ["mistral-7b-instruct-v0.2"] = (GgufPresets.Mistral7B, 7.2e9),
        // Llama 2 has no grouped-query attention: 32 KV heads make its KV cache four times Mistral's.
        ["llama-2-7b-chat"] = (new GgufModelShape("llama-2-7b", 32000, 4096, 32, 32, 32, 11008, 4096), 6.7e9),
        ["zephyr-7b-beta"] = (GgufPresets.Mistral7B, 7.2e9),
        ["internlm2.5-7b-chat"] = (new GgufModelShape("internlm2.5-7b", 92544, 4096, 32, 32, 8, 14336, 32768), 7.7e9),
    };

    public static bool TryGet(string id, out GgufModelShape shape, out double parameters)
    {
        var found = s_models.TryGetValue(id, out var entry);
        (shape, parameters) = entry;
        return found;
    }
}

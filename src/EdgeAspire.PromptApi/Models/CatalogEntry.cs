using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.PromptApi.Models;

/// <summary>A model that can be served: its id, its file, and the facts its GGUF header gives.</summary>
internal sealed record CatalogEntry(string Id, string Path, GgufFile Gguf, DateTimeOffset Modified)
{
    public GgufModelInfo Info => Gguf.ModelInfo;

    /// <summary>Tokens per sequence when loaded: the configured size, capped by the model's training context.</summary>
    public int ContextSizeFor(int configured) => Info.ContextLength is > 0 and var trained ? Math.Min(configured, trained) : configured;
}

using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.PromptApi.Models;

/// <summary>A model that can be served: its id, its file, and the facts its GGUF header gives.</summary>
internal sealed record CatalogEntry(string Id, string Path, GgufFile Gguf, DateTimeOffset Modified)
{
    private Task<string>? _sha256;

    public GgufModelInfo Info => Gguf.ModelInfo;

    /// <summary>The file's SHA-256, hashed once in the background on first use (a multi-GB file takes seconds on a
    /// Pi, so nobody waits for it): traces name exactly which file answered.</summary>
    public Task<string> Sha256 => LazyInitializer.EnsureInitialized(ref _sha256, () => Task.Run(async () =>
    {
        await using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file).ConfigureAwait(false));
    }));

    /// <summary>Tokens per sequence when loaded: the configured size, capped by the model's training context.</summary>
    public int ContextSizeFor(int configured) => Info.ContextLength is > 0 and var trained ? Math.Min(configured, trained) : configured;
}

using System.Text;
using EdgeAspire.Llama;
using EdgeAspire.Llama.Chat;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.PromptApi.Models;

/// <summary>A model in memory: weights, its engine, its chat template, and who is using it.</summary>
internal sealed class LoadedModel(CatalogEntry entry, LlamaModel model, InferenceEngine engine, long estimatedBytes) : IDisposable
{
    private int _leases;

    public CatalogEntry Entry { get; } = entry;

    public string Id => Entry.Id;

    public LlamaModel Model { get; } = model;

    public InferenceEngine Engine { get; } = engine;

    public ChatTemplate Template { get; } = ChatTemplate.For(model);

    public long EstimatedBytes { get; } = estimatedBytes;

    /// <summary>UTF-8 bytes of the vocabulary's longest token text, which no token's piece exceeds (SentencePiece's
    /// ▁ is 3 bytes for 1, a byte token's <c>&lt;0xAB&gt;</c> 6 for 1); 0 when the file lists no tokens.</summary>
    public int LongestTokenBytes { get; } = entry.Gguf.Metadata.TryGetArray<string>(GgufKeys.Tokens, out var tokens) && tokens.Length > 0
        ? tokens.Max(Encoding.UTF8.GetByteCount)
        : 0;

    /// <summary>The file's identity when its weights were loaded.</summary>
    public FileIdentity LoadedFile { get; } = FileIdentity.Of(new FileInfo(entry.Path));

    /// <summary>The file was replaced or deleted since it was loaded: the weights in memory are no longer what the
    /// catalog describes (nor what <c>/v1/models/{id}</c> shows).</summary>
    public bool FileChanged() => new FileInfo(Entry.Path) is var file && (!file.Exists || FileIdentity.Of(file) != LoadedFile);

    /// <summary>A <see cref="System.Diagnostics.Stopwatch"/> timestamp: Environment.TickCount64 ticks every 10–16 ms,
    /// so two models used one after the other could tie and the more recent one be unloaded.</summary>
    public long LastUsed { get; private set; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public bool IsIdle => Volatile.Read(ref _leases) == 0;

    public void Acquire()
    {
        Interlocked.Increment(ref _leases);
        LastUsed = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    public void Release()
    {
        LastUsed = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Decrement(ref _leases);
    }

    public void Dispose()
    {
        Engine.Dispose();
        Model.Dispose();
    }
}

using EdgeAspire.Llama;
using EdgeAspire.Llama.Chat;
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

    public long LastUsed { get; private set; } = Environment.TickCount64;

    public bool IsIdle => Volatile.Read(ref _leases) == 0;

    public void Acquire()
    {
        Interlocked.Increment(ref _leases);
        LastUsed = Environment.TickCount64;
    }

    public void Release()
    {
        LastUsed = Environment.TickCount64;
        Interlocked.Decrement(ref _leases);
    }

    public void Dispose()
    {
        Engine.Dispose();
        Model.Dispose();
    }
}

namespace EdgeAspire.PromptApi.Models;

/// <summary>Keeps a model loaded while a request uses it.</summary>
internal sealed class ModelLease(LoadedModel model, Action<LoadedModel> release) : IDisposable
{
    private int _released;

    public LoadedModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release(Model);
        }
    }
}

namespace EdgeAspire.Llama.Inference;

/// <summary>
/// A request's place in an engine's queue, taken before its prompt is tokenized (<see cref="InferenceEngine.EnterQueue"/>)
/// and handed to the generation that follows, so the request is counted once from arrival until a sequence takes
/// it. Disposing gives the place back unless a generation took it.
/// </summary>
public sealed class QueuePlace : IDisposable
{
    private Action? _release;

    internal QueuePlace(InferenceEngine engine, Action release)
    {
        Engine = engine;
        _release = release;
    }

    internal InferenceEngine Engine { get; }

    /// <summary>The release for the queued job to call; afterwards this place is empty.</summary>
    /// <exception cref="InvalidOperationException">A generation already took the place.</exception>
    internal Action Take() =>
        Interlocked.Exchange(ref _release, null) ?? throw new InvalidOperationException("This queue place was already used by a request.");

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}

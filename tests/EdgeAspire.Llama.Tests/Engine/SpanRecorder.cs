using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>Records every stopped span of the engine's source and of the named caller sources, in-process.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanRecorder(params string[] callerSources)
    {
        _listener = new ActivityListener
        {
            // By name: a caller's static ActivitySource may not exist yet when the listener is added.
            ShouldListenTo = source => source.Name == "EdgeAspire.Llama" || callerSources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    public void Dispose() => _listener.Dispose();
}

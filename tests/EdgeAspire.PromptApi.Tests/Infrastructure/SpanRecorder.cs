using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>Records every span of our sources, ASP.NET Core and HttpClient that stops in this process, and lets a
/// test await the one it wants. Tests run in parallel: tell a request's spans apart by a trace of its own
/// (<see cref="SendInOwnTrace"/>).</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly SemaphoreSlim _stopped = new(0);
    private readonly ActivityListener _listener;
    private readonly ActivitySource _client = new("EdgeAspire.Tests.Client");

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("EdgeAspire.", StringComparison.Ordinal) || source.Name is "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                _spans.Enqueue(span);
                _stopped.Release();
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IEnumerable<Activity> Spans => _spans;

    /// <summary>Spans stop when their work is over, in no fixed order: await the one wanted.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }
            await _stopped.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts <paramref name="send"/> under a client span of a new trace, and returns that trace.</summary>
    public (ActivityTraceId Trace, Task<T> Result) SendInOwnTrace<T>(Func<Task<T>> send)
    {
        var trace = ActivityTraceId.CreateRandom();
        var result = Task.Run(async () =>
        {
            using var caller = _client.StartActivity("client", ActivityKind.Client, new ActivityContext(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded));
            return await send();
        });
        return (trace, result);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _client.Dispose();
        _stopped.Dispose();
    }
}

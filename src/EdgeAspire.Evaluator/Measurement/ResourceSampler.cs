using System.Diagnostics;

namespace EdgeAspire.Evaluator.Measurement;

/// <summary>Samples a probe every <see cref="Interval"/> (5 Hz) from <see cref="Start"/> until disposed, with one
/// sample at each end so even a short request has a CPU figure.</summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly IResourceProbe _probe;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly List<ResourceSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ResourceSampler(IResourceProbe probe, CancellationToken cancellationToken)
    {
        _probe = probe;
        _loop = LoopAsync(cancellationToken, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token).Token);
    }

    public static ResourceSampler Start(IResourceProbe probe, CancellationToken cancellationToken) => new(probe, cancellationToken);

    /// <summary>Stops sampling (after one last sample) and returns the samples in time order.</summary>
    public async Task<IReadOnlyList<ResourceSample>> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await TakeAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_samples)
        {
            return [.. _samples];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <param name="run">The caller's token: the first sample is taken even when the request ends before it is read
    /// (a stop while it is in flight would leave a short request one sample, and no CPU figure).</param>
    /// <param name="untilStopped">Also cancelled by <see cref="StopAsync"/>.</param>
    private async Task LoopAsync(CancellationToken run, CancellationToken untilStopped)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            await TakeAsync(run).ConfigureAwait(false);
            while (await timer.WaitForNextTickAsync(untilStopped).ConfigureAwait(false))
            {
                await TakeAsync(untilStopped).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the request is over.
        }
    }

    private async Task TakeAsync(CancellationToken cancellationToken)
    {
        var at = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        if (await _probe.ReadAsync(cancellationToken).ConfigureAwait(false) is { } reading)
        {
            lock (_samples)
            {
                _samples.Add(new ResourceSample(at, reading.CpuSeconds, reading.RssBytes));
            }
        }
    }
}

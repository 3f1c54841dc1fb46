using System.Diagnostics;
using System.Runtime.CompilerServices;
using EdgeAspire.ModelStore.Cache;

namespace EdgeAspire.ModelStore.Downloads;

/// <summary>
/// One download that any number of callers share: they await <see cref="Completion"/> or watch the latest
/// progress (a watcher may skip intermediate snapshots, never the final one).
/// </summary>
internal sealed class PullOperation
{
    private static readonly TimeSpan s_publishInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PullProgress _current;
    private long _startBytes = -1;
    private long _startTimestamp;
    private long _publishedTimestamp;
    private ITimer? _trailing;

    public PullOperation(string id, TimeProvider time)
    {
        _time = time;
        _current = new PullProgress(id, PullProgress.Resolving, 0, null, 0, null);
        Completion = Task.FromException<ModelState>(new UnreachableException("not started"));
    }

    public string Id => _current.Id;

    public Task<ModelState> Completion { get; private set; }

    public PullProgress Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>An operation that is already over: the model was present.</summary>
    public static PullOperation Finished(ModelState state, TimeProvider time)
    {
        var operation = new PullOperation(state.Id, time);
        operation.Publish(new PullProgress(state.Id, PullProgress.Done, state.Size, state.Size, 0, 0, state.Sha256));
        operation.Completion = Task.FromResult(state);
        return operation;
    }

    public void Start(Func<PullOperation, Task<ModelState>> run) => Completion = Task.Run(async () =>
    {
        try
        {
            var state = await run(this).ConfigureAwait(false);
            Publish(new PullProgress(Id, PullProgress.Done, state.Size, state.Size, Current.BytesPerSecond, 0, state.Sha256));
            return state;
        }
        catch (Exception e)
        {
            var error = ModelStoreException.From(e);
            Publish(Current with { State = PullProgress.Failed, EtaSeconds = null, Error = ErrorBody.From(error) });
            throw error;
        }
    });

    public void ReportBytes(long bytes, long? total)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_startBytes < 0)
            {
                (_startBytes, _startTimestamp) = (bytes, now);
            }
            var seconds = _time.GetElapsedTime(_startTimestamp, now).TotalSeconds;
            var rate = seconds > 0 ? (bytes - _startBytes) / seconds : 0;
            double? eta = total is { } t && rate > 0 ? Math.Max(0, t - bytes) / rate : null;
            var started = _current.State != PullProgress.Downloading;
            _current = new PullProgress(Id, PullProgress.Downloading, bytes, total, rate, eta);
            if (started || _time.GetElapsedTime(_publishedTimestamp, now) >= s_publishInterval || bytes == total)
            {
                PublishLocked(_current, now);
            }
            else
            {
                // Throttled, but a stall right after must not leave watchers on a stale count.
                _trailing ??= _time.CreateTimer(_ => PublishTrailing(), null, s_publishInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public async IAsyncEnumerable<PullProgress> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            PullProgress snapshot;
            Task changed;
            lock (_gate)
            {
                (snapshot, changed) = (_current, _changed.Task);
            }
            yield return snapshot;
            if (snapshot.IsFinished)
            {
                yield break;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void PublishTrailing()
    {
        lock (_gate)
        {
            _trailing?.Dispose();
            _trailing = null;
            if (!_current.IsFinished)
            {
                PublishLocked(_current, _time.GetTimestamp());
            }
        }
    }

    private void Publish(PullProgress progress)
    {
        lock (_gate)
        {
            PublishLocked(progress, _time.GetTimestamp());
        }
    }

    private void PublishLocked(PullProgress progress, long now)
    {
        _current = progress;
        _publishedTimestamp = now;
        var changed = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}

using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Catalog;

namespace EdgeAspire.ModelStore.Downloads;

/// <summary>
/// At most one download per model: a second pull joins the first and sees the same progress and result.
/// Downloads run on the store's lifetime, not a request's, so a caller that goes away does not cancel the others'.
/// </summary>
internal sealed partial class DownloadCoordinator(ModelCatalog catalog, ModelCache cache, ModelPuller puller, TimeProvider time, ILogger<DownloadCoordinator> logger)
    : IDisposable
{
    private static readonly TimeSpan s_stopWait = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, PullOperation> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PullOperation> _failed = new(StringComparer.Ordinal); // the last failure, for late watchers
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The pull under way, else the last one that failed, else a finished one when the model is present.</summary>
    public PullOperation? Find(string id)
    {
        lock (_active)
        {
            return _active.GetValueOrDefault(id) ?? _failed.GetValueOrDefault(id)
                ?? (cache.Find(id) is { } present ? PullOperation.Finished(present, time) : null);
        }
    }

    public PullOperation StartOrJoin(string id)
    {
        ModelIds.Require(id);
        lock (_active)
        {
            if (_active.TryGetValue(id, out var running))
            {
                return running;
            }
            if (cache.Find(id) is { } present)
            {
                return PullOperation.Finished(present, time);
            }
            var entry = catalog.Find(id) ?? throw ModelStoreException.UnknownModel(id);
            var operation = new PullOperation(id, time);
            _active[id] = operation;
            _failed.Remove(id);
            operation.Start(op => RunAsync(entry, op));
            return operation;
        }
    }

    private async Task<ModelState> RunAsync(CatalogEntry entry, PullOperation operation)
    {
        try
        {
            LogPulling(logger, entry.Id, entry.Repo, entry.File);
            return await puller.PullAsync(entry, operation, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, entry.Id, e.Message);
            lock (_active)
            {
                _failed[entry.Id] = operation;
            }
            throw;
        }
        finally
        {
            lock (_active)
            {
                _active.Remove(entry.Id);
            }
        }
    }

    /// <summary>Cancels downloads and waits for them to close their partial files, which a restart resumes.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        Task[] running;
        lock (_active)
        {
            running = [.. _active.Values.Select(o => o.Completion)];
        }
        Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default).Wait(s_stopWait);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling {Id} from {Repo}/{File}")]
    private static partial void LogPulling(ILogger logger, string id, string repo, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pull of {Id} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string id, string reason);
}

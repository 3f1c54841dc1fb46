using EdgeAspire.PromptApi.Admission;
using EdgeAspire.PromptApi.ModelStore;
using System.Diagnostics;
using EdgeAspire.Llama;
using EdgeAspire.Llama.Inference;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Models;

/// <summary>Loads models on first use and keeps them within the memory budget: before a load, the footprint is
/// estimated from the GGUF; a model that can never fit is refused, and least recently used idle models are
/// unloaded to make room. A model in use is never unloaded; a load that must wait for one waits.</summary>
internal sealed partial class ModelManager : IDisposable
{
    private readonly ModelCatalog _catalog;
    private readonly StoreModelFetcher _store;
    private readonly AdmissionProbe _probe;
    private readonly PromptApiOptions _options;
    private readonly TelemetryOptions _telemetry;
    private readonly ILogger<ModelManager> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Dictionary<string, LoadedModel> _loaded = new(StringComparer.Ordinal);
    private TaskCompletionSource _released = NewSignal();
    private bool _disposed;

    public ModelManager(ModelCatalog catalog, StoreModelFetcher store, AdmissionProbe probe, IOptions<PromptApiOptions> options, IOptions<TelemetryOptions> telemetry,
        ILogger<ModelManager> logger)
    {
        _catalog = catalog;
        _probe = probe;
        _store = store;
        _options = options.Value;
        _telemetry = telemetry.Value;
        _logger = logger;
        Budget = _options.MemoryBudget > 0 ? _options.MemoryBudget : DefaultBudget();
    }

    public long Budget { get; }

    public IReadOnlyList<LoadedModel> Loaded
    {
        get
        {
            lock (_gate)
            {
                return [.. _loaded.Values];
            }
        }
    }

    public long UsedBytes => Loaded.Sum(m => m.EstimatedBytes);

    public bool IsLoaded(string id)
    {
        lock (_gate)
        {
            return _loaded.ContainsKey(id);
        }
    }

    /// <summary>What a model would take when loaded with this server's settings.</summary>
    public long EstimateBytes(CatalogEntry entry) => EstimateBytes(entry, SequencesFor(entry));

    /// <summary>Sequences the model's context runs in parallel: <see cref="PromptApiOptions.ParallelSequences"/>,
    /// or by default two per processor up to <see cref="PromptApiOptions.DefaultMaxParallelSequences"/>, halved
    /// while the KV cache for that many would not fit the memory budget. On a CPU, batching 4 streams gives about
    /// 1.9× one stream's tokens/s on two cores; beyond that decode is compute-bound and each stream only slows.</summary>
    public int SequencesFor(CatalogEntry entry)
    {
        if (_options.ParallelSequences > 0)
        {
            return _options.ParallelSequences;
        }
        var sequences = Math.Clamp(2 * Environment.ProcessorCount, 1, PromptApiOptions.DefaultMaxParallelSequences);
        while (sequences > 1 && EstimateBytes(entry, sequences) > Budget)
        {
            sequences /= 2;
        }
        return sequences;
    }

    /// <exception cref="InvalidModelFileException">The header gives no estimate (a width or count too large to
    /// multiply out); the file is rejected, as one llama.cpp could not load.</exception>
    private long EstimateBytes(CatalogEntry entry, int sequences)
    {
        try
        {
            return entry.Gguf.EstimateMemory(entry.ContextSizeFor(_options.ContextSize), sequences: sequences).TotalBytes;
        }
        catch (Exception e) when (e is OverflowException or InvalidOperationException)
        {
            throw new InvalidModelFileException(_catalog.Reject(entry, $"its memory cannot be estimated: {e.Message}"));
        }
    }

    /// <exception cref="ModelNotFoundException">No such model.</exception>
    /// <exception cref="ModelTooLargeException">The model can never fit the budget.</exception>
    /// <exception cref="InvalidModelFileException">The model's file was refused, now or since it last changed.</exception>
    public async Task<ModelLease> AcquireAsync(string id, CancellationToken cancellationToken)
    {
        if (TryLease(id) is { } lease)
        {
            return lease;
        }
        var entry = FindServable(id) ?? await FetchFromStoreAsync(id, cancellationToken).ConfigureAwait(false);
        var sequences = SequencesFor(entry);
        var needed = EstimateBytes(entry, sequences);
        if (needed > Budget)
        {
            throw new ModelTooLargeException(id, needed, Budget);
        }
        if (await _probe.RefusalAsync(entry, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            throw new InvalidModelFileException(_catalog.Reject(entry, refusal));
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryLease(id) is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }
            using var span = GenAiTelemetry.StartStage("model.load");
            LoadedModel loaded;
            try
            {
                await MakeRoomAsync(needed, cancellationToken).ConfigureAwait(false);
                loaded = await Task.Run(() => Load(entry, sequences, needed, span), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                GenAiTelemetry.Failed(span, e);
                throw;
            }
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _loaded[id] = loaded;
                loaded.Acquire();
                return new ModelLease(loaded, Release);
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>A model this worker lacks, copied from the ModelStore when one is configured and knows it.</summary>
    private async Task<CatalogEntry> FetchFromStoreAsync(string id, CancellationToken cancellationToken)
    {
        if (!_store.IsEnabled || !await _store.FetchAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw new ModelNotFoundException(id);
        }
        return FindServable(id) ?? throw new ModelStoreException($"The model '{id}' fetched from the ModelStore is not in the models folder.");
    }

    /// <summary>The catalog's entry for <paramref name="id"/>; null when there is none.</summary>
    /// <exception cref="InvalidModelFileException">The id names a file that was refused.</exception>
    private CatalogEntry? FindServable(string id) =>
        _catalog.Find(id) switch
        {
            (_, { } rejected) => throw new InvalidModelFileException(rejected),
            var (entry, _) => entry,
        };

    public void Dispose()
    {
        List<LoadedModel> models;
        lock (_gate)
        {
            _disposed = true;
            models = [.. _loaded.Values];
            _loaded.Clear();
        }
        // Disposing an engine cancels its queued and running requests at their next token.
        foreach (var model in models)
        {
            model.Dispose();
        }
        _loading.Dispose();
    }

    private ModelLease? TryLease(string id)
    {
        LoadedModel? stale = null;
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_loaded.TryGetValue(id, out var loaded))
                {
                    return null;
                }
                // A file replaced or deleted since it was loaded is unloaded once idle, and the request goes on to the
                // catalog: the new file is checked and loaded, a deleted one is not found. Requests under way finish
                // on the old weights.
                if (loaded.IsIdle && loaded.FileChanged())
                {
                    _loaded.Remove(id);
                    stale = loaded;
                    return null;
                }
                loaded.Acquire();
                return new ModelLease(loaded, Release);
            }
        }
        finally
        {
            if (stale is not null)
            {
                LogFileChanged(_logger, id, stale.Entry.Path);
                stale.Dispose();
            }
        }
    }

    private void Release(LoadedModel model)
    {
        model.Release();
        TaskCompletionSource signal;
        lock (_gate)
        {
            signal = _released;
            _released = NewSignal();
        }
        signal.TrySetResult();
    }

    private async Task MakeRoomAsync(long needed, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task released;
            LoadedModel? victim;
            lock (_gate)
            {
                if (_loaded.Values.Sum(m => m.EstimatedBytes) + needed <= Budget)
                {
                    return;
                }
                victim = _loaded.Values.Where(m => m.IsIdle).OrderBy(m => m.LastUsed).FirstOrDefault();
                if (victim is not null)
                {
                    _loaded.Remove(victim.Id);
                }
                released = _released.Task;
            }
            if (victim is null)
            {
                // Every loaded model is serving a request: wait until one finishes.
                await released.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            LogUnloading(_logger, victim.Id, victim.EstimatedBytes / (1024 * 1024));
            victim.Dispose();
        }
    }

    private LoadedModel Load(CatalogEntry entry, int sequences, long estimatedBytes, Activity? span)
    {
        LogLoading(_logger, entry.Id, entry.Path, sequences, estimatedBytes / (1024 * 1024), Budget / (1024 * 1024));
        span?.SetTag("gen_ai.request.model", entry.Id);
        span?.SetTag("edgeaspire.model.file", Path.GetFileName(entry.Path));
        span?.SetTag("edgeaspire.model.memory_estimate_bytes", estimatedBytes);
        span?.SetTag("edgeaspire.parallel_sequences", sequences);
        var model = LoadWeights(entry);
        try
        {
            var engine = new InferenceEngine(model, new InferenceEngineOptions
            {
                QueueLength = _options.QueueLength,
                TokenEvents = _telemetry.TokenEvents,
                Context = new LlamaContextOptions { ContextSize = entry.ContextSizeFor(_options.ContextSize), Threads = _options.Threads, Sequences = sequences },
            }, _logger);
            _ = entry.Sha256; // starts hashing in the background
            return new LoadedModel(entry, model, engine, estimatedBytes);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The weights, or a refusal the catalog remembers until the file changes: llama.cpp refuses what the
    /// managed checks cannot see (a missing tensor, an unknown pre-tokenizer), and would refuse it again each time.</summary>
    private LlamaModel LoadWeights(CatalogEntry entry)
    {
        try
        {
            return LlamaModel.Load(entry.Path);
        }
        catch (Exception e) when (e is LlamaRuntimeException or Llama.Gguf.GgufFormatException)
        {
            throw new InvalidModelFileException(_catalog.Reject(entry, e.Message));
        }
    }

    private static long DefaultBudget() =>
        (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * PromptApiOptions.DefaultBudgetShare);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading model {Id} from {Path} with {Sequences} parallel sequences (about {NeededMiB} MiB of a {BudgetMiB} MiB budget)")]
    private static partial void LogLoading(ILogger logger, string id, string path, int sequences, long neededMiB, long budgetMiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloading model {Id}: its file {Path} was replaced or deleted since it was loaded")]
    private static partial void LogFileChanged(ILogger logger, string id, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloading idle model {Id} ({MiB} MiB) to make room")]
    private static partial void LogUnloading(ILogger logger, string id, long miB);
}

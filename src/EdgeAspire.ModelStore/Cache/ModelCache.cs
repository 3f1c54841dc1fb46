using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore.Cache;

/// <summary>
/// Finished models, their state files and the quota. One lock guards every decision that deletes or adds a model,
/// so eviction never races a lease (an open <c>/files/{id}</c> response) or a reservation (a download or import).
/// </summary>
internal sealed partial class ModelCache(CacheFolder folder, IOptions<ModelStoreOptions> options, TimeProvider time, ILogger<ModelCache> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reservations = new(StringComparer.Ordinal);

    public CacheFolder Folder => folder;

    public ModelState? Find(string id)
    {
        var state = ModelStateFile.Read(folder.StatePath(id));
        return state is not null && File.Exists(folder.ModelPath(id)) ? state with { Id = id } : null;
    }

    /// <summary>Models in the cache; a planted symbolic link is left out here and refused when asked for by id.</summary>
    public IReadOnlyList<ModelState> List() => [.. folder.StateIds().Select(TryFind).OfType<ModelState>()];

    private ModelState? TryFind(string id)
    {
        try
        {
            return Find(id);
        }
        catch (ModelStoreException e) when (e.Code == ModelStoreException.UnsafePathCode)
        {
            LogRefusedLink(logger, id);
            return null;
        }
    }

    public long? PartialBytes(string id) => new FileInfo(folder.PartialPath(id)) is { Exists: true } file ? file.Length : null;

    public bool IsReserved(string id)
    {
        lock (_gate)
        {
            return _reservations.ContainsKey(id);
        }
    }

    /// <summary>Keeps the model from eviction and deletion while the returned handle lives; null when absent.</summary>
    public IDisposable? Lease(string id)
    {
        lock (_gate)
        {
            if (Find(id) is null)
            {
                return null;
            }
            _leases[id] = _leases.GetValueOrDefault(id) + 1;
        }
        return new Release(() => Decrement(_leases, id));
    }

    /// <summary>
    /// Claims room for a model about to be written (<paramref name="bytes"/> null when the size is not known yet), or
    /// fails when even evicting every unpinned model not in use would not make room. Nothing is evicted here: only
    /// <see cref="Commit"/> evicts, once the new file is verified, so a download that fails costs no other model.
    /// Only one reservation per id at a time.
    /// </summary>
    public IDisposable Reserve(string id, long? bytes)
    {
        lock (_gate)
        {
            if (_reservations.ContainsKey(id))
            {
                throw ModelStoreException.Busy(id, "being downloaded or imported");
            }
            Plan(id, bytes ?? 0);
            _reservations[id] = bytes ?? 0;
        }
        return new Release(() =>
        {
            lock (_gate)
            {
                _reservations.Remove(id);
            }
        });
    }

    /// <summary>Moves a verified file into place under <paramref name="id"/> (state first, so a crash in between leaves it absent).</summary>
    public ModelState Commit(string id, string stagedPath, string sha256, string source)
    {
        var size = new FileInfo(stagedPath).Length;
        lock (_gate)
        {
            MakeRoom(id, size);
            var now = time.GetUtcNow();
            var state = new ModelState(id, size, sha256, now, now, Pinned: false, source);
            ModelStateFile.Write(folder.StatePath(id), state);
            File.Move(stagedPath, folder.ModelPath(id), overwrite: true);
            _reservations[id] = 0; // the file now counts as present; keep the claim until the caller releases it
            return state;
        }
    }

    public ModelState Touch(string id) => Update(id, s => s with { LastUsed = time.GetUtcNow() });

    public ModelState SetPinned(string id, bool pinned) => Update(id, s => s with { Pinned = pinned });

    /// <summary>Deletes the model (and any partial download); refused while it is served, downloaded or imported.</summary>
    public void Delete(string id)
    {
        lock (_gate)
        {
            if (_leases.ContainsKey(id))
            {
                throw ModelStoreException.Busy(id, "being served");
            }
            if (_reservations.ContainsKey(id))
            {
                throw ModelStoreException.Busy(id, "being downloaded or imported");
            }
            if (Find(id) is null && PartialBytes(id) is null)
            {
                throw ModelStoreException.NotPresent(id);
            }
            Remove(id);
            File.Delete(folder.PartialPath(id));
        }
    }

    private ModelState Update(string id, Func<ModelState, ModelState> change)
    {
        lock (_gate)
        {
            var state = change(Find(id) ?? throw ModelStoreException.NotPresent(id));
            ModelStateFile.Write(folder.StatePath(id), state);
            return state;
        }
    }

    /// <summary>The most bytes <paramref name="id"/>'s file may grow to: the quota less what other models and
    /// reservations hold that cannot be evicted; null without a quota. A copy of unknown length stops there.</summary>
    public long? RoomFor(string id)
    {
        lock (_gate)
        {
            var (used, evictable) = Usage(id);
            return options.Value.QuotaBytes > 0 ? Math.Max(0, options.Value.QuotaBytes - used + evictable.Sum(s => s.Size)) : null;
        }
    }

    /// <summary>Bytes held by everything but <paramref name="id"/>, and the models that could go, least recently used first.</summary>
    private (long Used, List<ModelState> Evictable) Usage(string id)
    {
        var present = List().Where(s => s.Id != id).ToList();
        var used = present.Sum(s => s.Size) + _reservations.Where(r => r.Key != id).Sum(r => r.Value);
        var evictable = present
            .Where(s => !s.Pinned && !_leases.ContainsKey(s.Id) && !_reservations.ContainsKey(s.Id))
            .OrderBy(s => s.LastUsed)
            .ToList();
        return (used, evictable);
    }

    /// <summary>Fails unless <paramref name="bytes"/> fit the quota once every evictable model is gone.</summary>
    private (long Used, List<ModelState> Evictable) Plan(string id, long bytes)
    {
        var quota = options.Value.QuotaBytes;
        var (used, evictable) = Usage(id);
        if (quota > 0 && used - evictable.Sum(s => s.Size) + bytes > quota)
        {
            throw ModelStoreException.QuotaExceeded(id,
                $"it needs {bytes:N0} bytes, the quota is {quota:N0} and {used:N0} are used; even evicting every unpinned model not in use would not make room");
        }
        return (used, evictable);
    }

    private void MakeRoom(string id, long bytes)
    {
        var quota = options.Value.QuotaBytes;
        var (used, evictable) = Plan(id, bytes);
        if (quota <= 0 || used + bytes <= quota)
        {
            return;
        }
        foreach (var victim in evictable.TakeWhile(_ => used + bytes > quota))
        {
            LogEvicting(logger, victim.Id, victim.Size, victim.LastUsed);
            Remove(victim.Id);
            used -= victim.Size;
        }
    }

    private void Remove(string id)
    {
        File.Delete(folder.StatePath(id));
        File.Delete(folder.ModelPath(id));
    }

    private void Decrement(Dictionary<string, int> counts, string id)
    {
        lock (_gate)
        {
            if (counts.TryGetValue(id, out var count) && count > 1)
            {
                counts[id] = count - 1;
            }
            else
            {
                counts.Remove(id);
            }
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                release();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring {Id} in the cache: a symbolic link or a path outside the cache folder")]
    private static partial void LogRefusedLink(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicting {Id} ({Size} bytes, last used {LastUsed}) to stay within the quota")]
    private static partial void LogEvicting(ILogger logger, string id, long size, DateTimeOffset lastUsed);
}

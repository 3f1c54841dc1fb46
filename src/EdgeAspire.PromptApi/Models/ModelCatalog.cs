using System.Collections.Concurrent;
using EdgeAspire.Llama;
using EdgeAspire.Llama.Gguf;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Models;

/// <summary>The models in <c>PromptApi:ModelsPath</c>, <c>PromptApi:Models</c> and the cache of models fetched from the
/// ModelStore. Each file version is validated once (<see cref="GgufModelValidator"/>); a file that fails, or that
/// llama.cpp later refuses to load, is rejected with its reason until the file changes, so llama.cpp never sees it
/// again and every request for it is answered with that reason.</summary>
internal sealed partial class ModelCatalog(IOptions<PromptApiOptions> options, ILogger<ModelCatalog> logger)
{
    private readonly ConcurrentDictionary<string, Verdict> _verdicts = new();

    /// <summary>The models that can be served and those whose files were refused (with the reason), from one look at
    /// the folders: each look lists them and reads every file's size and time.</summary>
    public (IReadOnlyList<CatalogEntry> Servable, IReadOnlyList<RejectedModel> Rejected) List()
    {
        var models = Scan().Values;
        return ([.. models.OfType<CatalogEntry>()], [.. models.OfType<RejectedModel>()]);
    }

    /// <summary>The model <paramref name="id"/>: servable, refused, or (both null) unknown.</summary>
    public (CatalogEntry? Entry, RejectedModel? Rejected) Find(string id) => Scan().GetValueOrDefault(id) switch
    {
        CatalogEntry entry => (entry, null),
        RejectedModel rejected => (null, rejected),
        _ => (null, null),
    };

    /// <summary>Remembers that <paramref name="entry"/>'s file cannot be served, until the file changes.</summary>
    public RejectedModel Reject(CatalogEntry entry, string reason)
    {
        var rejected = new RejectedModel(entry.Id, entry.Path, reason, entry.Modified);
        LogRejected(logger, entry.Id, entry.Path, reason);
        _verdicts.AddOrUpdate(Key(entry.Id, entry.Path), _ => new Verdict(FileIdentity.Of(new FileInfo(entry.Path)), rejected),
            (_, old) => ReferenceEquals(old.Model, entry) ? old with { Model = rejected } : old);
        return rejected;
    }

    /// <summary>Id → a <see cref="CatalogEntry"/> or a <see cref="RejectedModel"/>; a later definition of an id wins.</summary>
    private SortedDictionary<string, object> Scan()
    {
        var models = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string?[] folders = [options.Value.ModelsPath, options.Value.CacheFolder];
        foreach (var folder in folders.OfType<string>().Where(Directory.Exists).Distinct(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.gguf").Order(StringComparer.Ordinal))
            {
                Add(models, seen, Path.GetFileNameWithoutExtension(file), file);
            }
        }
        foreach (var (id, file) in options.Value.Models)
        {
            Add(models, seen, id, file);
        }
        Forget(seen);
        return models;
    }

    /// <summary>Drops the verdicts on files that are no longer there. Each holds the file's parsed header, whose
    /// vocabulary can be megabytes: a worker whose files come and go (a ModelStore cache, the GGUF fuzzer's 10,000
    /// variants) grew by about half a megabyte for every file it had ever seen.</summary>
    private void Forget(HashSet<string> seen)
    {
        foreach (var key in _verdicts.Keys)
        {
            if (!seen.Contains(key))
            {
                _verdicts.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Verdicts kept: one per file seen at the last look.</summary>
    internal int Remembered => _verdicts.Count;

    private void Add(SortedDictionary<string, object> models, HashSet<string> seen, string id, string file)
    {
        seen.Add(Key(id, Path.GetFullPath(file)));
        if (Judge(id, file) is { } model)
        {
            models[id] = model;
        }
    }

    private object? Judge(string id, string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            LogMissing(logger, id, file);
            return null;
        }
        var identity = FileIdentity.Of(info);
        var key = Key(id, info.FullName);
        if (_verdicts.TryGetValue(key, out var cached) && cached.File == identity)
        {
            return cached.Model;
        }
        object model;
        try
        {
            model = new CatalogEntry(id, info.FullName, GgufModelValidator.Validate(info.FullName), info.LastWriteTimeUtc);
        }
        catch (Exception e) when (e is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            var reason = e is GgufFormatException format ? format.Message : e.Message;
            LogRejected(logger, id, info.FullName, reason);
            model = new RejectedModel(id, info.FullName, reason, info.LastWriteTimeUtc);
        }
        _verdicts[key] = new Verdict(identity, model);
        return model;
    }

    private static string Key(string id, string path) => $"{id}\n{path}";

    private sealed record Verdict(FileIdentity File, object Model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Id}: file {Path} does not exist")]
    private static partial void LogMissing(ILogger logger, string id, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Id}: {Path} is not served: {Reason}")]
    private static partial void LogRejected(ILogger logger, string id, string path, string reason);
}

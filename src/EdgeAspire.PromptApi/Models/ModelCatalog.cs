using System.Collections.Concurrent;
using EdgeAspire.Llama.Gguf;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Models;

/// <summary>The models in <c>PromptApi:ModelsPath</c>, <c>PromptApi:Models</c> and the cache of models fetched from the ModelStore. Headers are parsed once per file
/// version; files the GGUF reader rejects are left out (and logged), so llama.cpp never sees them.</summary>
internal sealed partial class ModelCatalog(IOptions<PromptApiOptions> options, ILogger<ModelCatalog> logger)
{
    private readonly ConcurrentDictionary<string, (long Size, DateTime Modified, CatalogEntry? Entry)> _parsed = new();

    public IReadOnlyList<CatalogEntry> List()
    {
        var entries = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        string?[] folders = [options.Value.ModelsPath, options.Value.CacheFolder];
        foreach (var folder in folders.OfType<string>().Where(Directory.Exists).Distinct(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.gguf").Order(StringComparer.Ordinal))
            {
                Add(entries, Path.GetFileNameWithoutExtension(file), file);
            }
        }
        foreach (var (id, file) in options.Value.Models)
        {
            Add(entries, id, file);
        }
        return [.. entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal)];
    }

    public CatalogEntry? Find(string id) => List().FirstOrDefault(e => e.Id == id);

    private void Add(Dictionary<string, CatalogEntry> entries, string id, string file)
    {
        if (Parse(id, file) is { } entry)
        {
            entries[id] = entry;
        }
    }

    private CatalogEntry? Parse(string id, string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            LogMissing(logger, id, file);
            return null;
        }
        var key = $"{id}\n{info.FullName}";
        if (_parsed.TryGetValue(key, out var cached) && cached.Size == info.Length && cached.Modified == info.LastWriteTimeUtc)
        {
            return cached.Entry;
        }
        CatalogEntry? entry = null;
        try
        {
            entry = new CatalogEntry(id, info.FullName, GgufReader.Read(info.FullName), info.LastWriteTimeUtc);
        }
        catch (Exception e) when (e is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            LogRejected(logger, id, info.FullName, e.Message);
        }
        _parsed[key] = (info.Length, info.LastWriteTimeUtc, entry);
        return entry;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Id}: file {Path} does not exist")]
    private static partial void LogMissing(ILogger logger, string id, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Id}: {Path} is not served: {Reason}")]
    private static partial void LogRejected(ILogger logger, string id, string path, string reason);
}

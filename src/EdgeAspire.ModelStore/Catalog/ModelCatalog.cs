using EdgeAspire.ModelStore.Cache;
using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore.Catalog;

/// <summary>The built-in entries overlaid with <c>ModelStore:Catalog</c>; a configured id replaces a built-in one.</summary>
internal sealed class ModelCatalog
{
    private readonly Dictionary<string, CatalogEntry> _entries;

    public ModelCatalog(IOptions<ModelStoreOptions> options)
    {
        _entries = BuiltInCatalog.Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var (id, entry) in options.Value.Catalog)
        {
            _entries[id] = FromOptions(id, entry);
        }
    }

    public IEnumerable<CatalogEntry> Entries => _entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal);

    public CatalogEntry? Find(string id) => _entries.GetValueOrDefault(id);

    /// <summary>Why a configured entry cannot be used, or null when it can; checked when the host starts.</summary>
    public static string? Problem(string id, CatalogEntryOptions entry) =>
        !ModelIds.IsValid(id) ? $"ModelStore:Catalog:{id}: {ModelIds.Rule}"
        : string.IsNullOrWhiteSpace(entry.Repo) || entry.Repo.Split('/') is not [{ Length: > 0 }, { Length: > 0 }] || entry.Repo.Contains("..", StringComparison.Ordinal)
            ? $"ModelStore:Catalog:{id}:Repo must be 'owner/name'"
        : !RepoPaths.IsSafeFile(entry.File) ? $"ModelStore:Catalog:{id}:File must be a relative path inside the repo"
        : string.IsNullOrWhiteSpace(entry.Revision) || entry.Revision.Contains("..", StringComparison.Ordinal) ? $"ModelStore:Catalog:{id}:Revision is not valid"
        : entry.Sha256 is { } sha && !Sha256Hex.IsValid(sha) ? $"ModelStore:Catalog:{id}:Sha256 must be 64 hex digits"
        : null;

    private static CatalogEntry FromOptions(string id, CatalogEntryOptions o) =>
        new(id, o.Repo!, o.File!, o.Revision, o.Quantization, o.Parameters, o.License, o.Sha256?.ToLowerInvariant(), o.Size);
}

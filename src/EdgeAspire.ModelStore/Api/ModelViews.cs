using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Catalog;
using EdgeAspire.ModelStore.Downloads;

namespace EdgeAspire.ModelStore.Api;

/// <summary>Joins the catalog, the cache and the downloads under way into what <c>/models</c> shows.</summary>
internal sealed class ModelViews(ModelCatalog catalog, ModelCache cache, DownloadCoordinator downloads)
{
    public IReadOnlyList<ModelDto> List()
    {
        var present = cache.List().ToDictionary(s => s.Id, StringComparer.Ordinal);
        var ids = catalog.Entries.Select(e => e.Id).Union(present.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. ids.Select(id => Describe(id, present.GetValueOrDefault(id)))];
    }

    public ModelDto Get(string id)
    {
        ModelIds.Require(id);
        var state = cache.Find(id);
        return state is null && catalog.Find(id) is null ? throw ModelStoreException.UnknownModel(id) : Describe(id, state);
    }

    private ModelDto Describe(string id, ModelState? state)
    {
        var entry = catalog.Find(id);
        var pulling = state is null && downloads.Find(id) is { Current.State: PullProgress.Downloading or PullProgress.Resolving } op ? op.Current : null;
        var status = state is not null ? "present" : pulling is not null ? "downloading" : "absent";
        return new ModelDto(id, status, entry?.Repo, entry?.File, entry?.Revision, entry?.Quantization, entry?.Parameters, entry?.License,
            state?.Size ?? entry?.Size, state?.Sha256 ?? entry?.Sha256, state?.LastUsed, state?.Pinned ?? false,
            pulling?.Bytes ?? (state is null ? cache.PartialBytes(id) : null), pulling?.Total, state?.Source);
    }
}

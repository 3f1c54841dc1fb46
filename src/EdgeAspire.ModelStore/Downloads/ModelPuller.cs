using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Catalog;
using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore.Downloads;

/// <summary>One pull from start to finish: expected size and hash, quota, resumable download, verification, commit.</summary>
internal sealed class ModelPuller(HubClient hub, ModelCache cache, IOptions<ModelStoreOptions> options, TimeProvider time)
{
    public async Task<ModelState> PullAsync(CatalogEntry entry, PullOperation operation, CancellationToken cancellationToken)
    {
        var (size, sha256) = (entry.Size, entry.Sha256);
        if (size is null || sha256 is null)
        {
            var facts = await new Backoff(options.Value, time)
                .RunAsync(ct => hub.GetFileFactsAsync(entry, ct), "Reading the Hub's file list", cancellationToken).ConfigureAwait(false);
            (size, sha256) = (size ?? facts.Size, sha256 ?? facts.Sha256);
        }

        using var reservation = cache.Reserve(entry.Id, size); // fails here, before a byte is fetched, when it cannot fit
        var partial = cache.Folder.PartialPath(entry.Id);
        var download = new ResumableDownload(hub, options.Value, time);
        var actual = await download.RunAsync(entry, partial, size, operation.ReportBytes, cancellationToken).ConfigureAwait(false);

        var length = new FileInfo(partial).Length;
        if ((sha256 is not null && actual != sha256) || (size is not null && length != size))
        {
            File.Delete(partial);
            throw ModelStoreException.ChecksumMismatch(entry.Id, $"{sha256 ?? "(unknown)"} ({size?.ToString("N0", null) ?? "?"} bytes)", $"{actual} ({length:N0} bytes)");
        }
        return cache.Commit(entry.Id, partial, actual, $"{entry.Repo}@{entry.Revision}/{entry.File}");
    }
}

using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Catalog;
using EdgeAspire.ModelStore.Imports;
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
        try
        {
            var actual = await download.RunAsync(entry, partial, size, cache.RoomFor(entry.Id), operation.ReportBytes, cancellationToken).ConfigureAwait(false);
            var length = new FileInfo(partial).Length;
            if ((sha256 is not null && actual != sha256) || (size is not null && length != size))
            {
                throw ModelStoreException.ChecksumMismatch(entry.Id, $"{sha256 ?? "(unknown)"} ({size?.ToString("N0", null) ?? "?"} bytes)", $"{actual} ({length:N0} bytes)");
            }
            ModelFileCheck.Validate(partial, status: 502, param: null);
            // Only now, with the file verified, may other models be evicted to make room for it.
            return cache.Commit(entry.Id, partial, actual, $"{entry.Repo}@{entry.Revision}/{entry.File}");
        }
        catch (ModelStoreException e) when (e.Code is "checksum_mismatch" or "quota_exceeded" or ModelFileCheck.InvalidGguf or ModelFileCheck.InvalidModelFile)
        {
            // A file refused for what it is would be refused again: drop it rather than resume it. (An upstream
            // failure keeps the partial file, so a later pull resumes.)
            File.Delete(partial);
            throw;
        }
    }
}

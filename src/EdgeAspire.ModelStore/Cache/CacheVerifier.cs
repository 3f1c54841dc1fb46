namespace EdgeAspire.ModelStore.Cache;

/// <summary>Re-hashes every model in the cache against the sha256 recorded when it was added.</summary>
internal sealed class CacheVerifier(ModelCache cache)
{
    public async IAsyncEnumerable<VerifyResult> VerifyAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var state in cache.List().OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var path = cache.Folder.ModelPath(state.Id);
            var actual = await Sha256Hex.OfFileAsync(path, cancellationToken).ConfigureAwait(false);
            yield return new VerifyResult(state, actual, actual == state.Sha256 && new FileInfo(path).Length == state.Size);
        }
    }
}

internal sealed record VerifyResult(ModelState State, string ActualSha256, bool IsIntact);

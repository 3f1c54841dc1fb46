using System.Security.Cryptography;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Catalog;

namespace EdgeAspire.ModelStore.Imports;

/// <summary>
/// Brings a GGUF into the cache from a file on this machine or a stream. The copy is staged next to the cache,
/// validated with <see cref="GgufReader"/> (header, metadata, tensor bounds) and only then moved into place;
/// a corrupt file leaves nothing behind.
/// </summary>
internal sealed class ModelImporter(ModelCache cache, ModelCatalog catalog)
{
    public async Task<ModelState> ImportFileAsync(string path, string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw new ModelStoreException(400, "invalid_path", $"'{path}' is not an absolute path of a file on the store's machine.", "path");
        }
        if (!File.Exists(path))
        {
            throw new ModelStoreException(400, "file_not_found", $"There is no file '{path}'.", "path");
        }
        id ??= Path.GetFileNameWithoutExtension(path);
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return await ImportAsync(source, source.Length, id, $"file:{path}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<ModelState> ImportAsync(Stream source, long? length, string id, string sourceName, CancellationToken cancellationToken)
    {
        ModelIds.Require(id);
        if (cache.Find(id) is not null)
        {
            throw new ModelStoreException(409, "model_exists", $"'{id}' is already in the cache; delete it first or import under another id.", "id");
        }
        using var reservation = cache.Reserve(id, length);
        var staged = cache.Folder.ImportPath(id);
        try
        {
            var sha256 = await CopyAsync(source, staged, cancellationToken).ConfigureAwait(false);
            Validate(staged, id, sha256);
            return cache.Commit(id, staged, sha256, sourceName);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    private void Validate(string staged, string id, string sha256)
    {
        try
        {
            GgufReader.Read(staged);
        }
        catch (GgufFormatException e)
        {
            throw new ModelStoreException(400, "invalid_gguf", $"Not a valid GGUF file: {e.Message}", "path", e);
        }
        if (catalog.Find(id) is { Sha256: { } expected } && expected != sha256)
        {
            throw new ModelStoreException(400, "checksum_mismatch", $"'{id}' is in the catalog with sha256 {expected}; this file has {sha256}.", "id");
        }
    }

    private static async Task<string> CopyAsync(Stream source, string target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        await using var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Sha256Hex.Of(hash);
    }
}

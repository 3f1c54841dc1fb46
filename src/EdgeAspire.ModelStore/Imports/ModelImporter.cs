using System.Security.Cryptography;
using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Catalog;

namespace EdgeAspire.ModelStore.Imports;

/// <summary>
/// Brings a GGUF into the cache from a file on this machine or a stream. The copy is staged next to the cache,
/// never beyond its declared length or the room the quota leaves, checked (<see cref="ModelFileCheck"/>) and only
/// then moved into place, evicting other models only then if it needs their room; a refused file leaves nothing
/// behind.
/// </summary>
internal sealed class ModelImporter(ModelCache cache, ModelCatalog catalog)
{
    private const int BufferSize = 1 << 20;

    /// <summary>Imports a regular file; the caller decides which paths may be named (<see cref="ImportFolders"/>).</summary>
    public async Task<ModelState> ImportFileAsync(string path, string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw new ModelStoreException(400, "invalid_path", $"'{path}' is not an absolute path of a file on the store's machine.", "path");
        }
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new ModelStoreException(400, "file_not_found", $"There is no file '{path}'.", "path");
        }
        // stat gives devices, FIFOs and sockets a size of 0, so this also keeps the store from opening a FIFO (which
        // blocks) or reading /dev/zero (which never ends); the copy stops at this length whatever the file does.
        if (file.Length == 0)
        {
            throw new ModelStoreException(400, "not_a_regular_file", $"'{path}' is empty or not a regular file.", "path");
        }
        id ??= Path.GetFileNameWithoutExtension(path);
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return await ImportAsync(source, file.Length, id, $"file:{path}", cancellationToken).ConfigureAwait(false);
    }

    /// <param name="length">The declared length (a file's size, a Content-Length), or null when unknown.</param>
    public async Task<ModelState> ImportAsync(Stream source, long? length, string id, string sourceName, CancellationToken cancellationToken)
    {
        ModelIds.Require(id);
        if (cache.Find(id) is not null)
        {
            throw new ModelStoreException(409, "model_exists", $"'{id}' is already in the cache; delete it first or import under another id.", "id");
        }
        using var reservation = cache.Reserve(id, length); // a declared length over the quota fails here, before any copying
        var staged = cache.Folder.ImportPath(id);
        try
        {
            var sha256 = await CopyAsync(source, staged, length, cache.RoomFor(id), id, cancellationToken).ConfigureAwait(false);
            ModelFileCheck.Validate(staged, status: 400, param: "path");
            if (catalog.Find(id) is { Sha256: { } expected } && expected != sha256)
            {
                throw new ModelStoreException(400, "checksum_mismatch", $"'{id}' is in the catalog with sha256 {expected}; this file has {sha256}.", "id");
            }
            return cache.Commit(id, staged, sha256, sourceName);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>Copies at most <paramref name="length"/> bytes (fewer is refused) and never more than
    /// <paramref name="room"/>, so neither an endless stream nor one without a length can fill the disk.</summary>
    private static async Task<string> CopyAsync(Stream source, string target, long? length, long? room, string id, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        await using var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        var limit = Math.Min(length ?? long.MaxValue, room ?? long.MaxValue);
        long copied = 0;
        int read;
        // One byte past the limit is asked for, to tell a stream that ends there from one that goes on.
        while ((read = await source.ReadAsync(buffer.AsMemory(0, limit - copied >= BufferSize ? BufferSize : (int)(limit - copied) + 1), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (copied + read > limit)
            {
                throw copied + read > room
                    ? ModelStoreException.QuotaExceeded(id, $"stopped after {room:N0} bytes, all the quota leaves")
                    : new ModelStoreException(400, "length_mismatch", $"The file is longer than the {length:N0} bytes it declared.", "path");
            }
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            copied += read;
        }
        if (length is { } declared && copied != declared)
        {
            throw new ModelStoreException(400, "length_mismatch", $"The file ended after {copied:N0} of the {declared:N0} bytes it declared.", "path");
        }
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Sha256Hex.Of(hash);
    }
}

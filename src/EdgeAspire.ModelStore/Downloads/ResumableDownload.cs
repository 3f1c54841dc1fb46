using System.Net;
using System.Security.Cryptography;
using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Catalog;

namespace EdgeAspire.ModelStore.Downloads;

/// <summary>
/// Streams one file into its <c>*.partial</c>, hashing as it writes. Whatever is already in the partial file (a
/// dropped connection, a restarted store) is re-hashed first and the rest is requested with <c>Range</c>; a server
/// that ignores <c>Range</c> (200 instead of 206) restarts the file from zero.
/// </summary>
internal sealed class ResumableDownload(HubClient hub, ModelStoreOptions options, TimeProvider time)
{
    private const int BufferSize = 1 << 20;

    /// <summary>Returns the sha256 (lowercase hex) of the completed partial file.</summary>
    /// <param name="room">The most bytes the quota lets the file take (null: no quota); a download that would grow
    /// past it fails with 507 instead of filling the disk.</param>
    public async Task<string> RunAsync(CatalogEntry entry, string partialPath, long? expectedSize, long? room, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = OpenExclusively(partialPath, entry.Id);
        var state = new Transfer(file, hash, expectedSize, room, progress);
        if (expectedSize is { } size && file.Length > size)
        {
            file.SetLength(0);
        }
        await Sha256Hex.AppendAsync(hash, file, file.Length, cancellationToken).ConfigureAwait(false);
        state.Offset = file.Length;

        var uri = RepoPaths.Resolve(hub.Endpoint, entry);
        var backoff = new Backoff(options, time);
        await backoff.RunAsync(ct => AttemptAsync(uri, entry, state, backoff, ct), $"Downloading '{entry.Id}'", cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Sha256Hex.Of(hash);
    }

    /// <summary>The partial file, locked against every other process (a CLI <c>pull</c>, a second store on the same
    /// cache): .NET takes an exclusive advisory lock (flock) for <see cref="FileShare.None"/>, so two downloads never
    /// append to one file. Within one store the <see cref="DownloadCoordinator"/> already joins them.</summary>
    private static FileStream OpenExclusively(string partialPath, string id)
    {
        // How a held lock is reported: EWOULDBLOCK as the HResult on Linux, ERROR_SHARING_VIOLATION on Windows.
        const int WouldBlock = 11, SharingViolation = unchecked((int)0x80070020);
        try
        {
            return new FileStream(partialPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 0);
        }
        catch (IOException e) when (e.HResult is WouldBlock or SharingViolation)
        {
            throw ModelStoreException.Busy(id, "being downloaded by another process on this cache (a CLI pull or another store)");
        }
    }

    private async Task<bool> AttemptAsync(Uri uri, CatalogEntry entry, Transfer state, Backoff backoff, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.ReadTimeout);
        using var response = await hub.SendAsync(uri, state.Offset, attempt.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && state.Offset > 0 && state.Offset == state.Total)
        {
            return true; // a restart found the partial file already complete
        }
        HubClient.ThrowIfFailed(response, entry, $"Downloading '{entry.Id}'");
        StartAt(response, state);
        // The first progress report says the download is under way: only once the server has agreed to send the file,
        // so that a refusal (404, 401) is still the answer to the request that started the pull.
        state.Progress(state.Offset, state.Total);

        var buffer = new byte[BufferSize];
        await using var body = await response.Content.ReadAsStreamAsync(attempt.Token).ConfigureAwait(false);
        while (true)
        {
            attempt.CancelAfter(options.ReadTimeout); // per read: a slow but moving download is fine, a stalled one is not
            var read = await body.ReadAsync(buffer, attempt.Token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            var kept = (int)Math.Min(read, state.Limit - state.Offset);
            await state.File.WriteAsync(buffer.AsMemory(0, kept), cancellationToken).ConfigureAwait(false);
            state.Hash.AppendData(buffer, 0, kept);
            state.Offset += kept;
            state.Progress(state.Offset, state.Total);
            backoff.Reset();
            if (kept < read)
            {
                // Past the declared size the bytes are not the file's: stop there and let the hash decide. Past
                // the quota's room (no size declared) there is nowhere to put them.
                if (state.Offset < state.Total || state.Total is null)
                {
                    throw ModelStoreException.QuotaExceeded(entry.Id, $"the download passed the {state.Room:N0} bytes the quota leaves");
                }
                break;
            }
        }
        return state.Total is not { } total || state.Offset >= total
            ? true
            : throw new IOException($"the response ended at byte {state.Offset:N0} of {total:N0}");
    }

    private static void StartAt(HttpResponseMessage response, Transfer state)
    {
        var content = response.Content.Headers;
        if (response.StatusCode == HttpStatusCode.PartialContent && content.ContentRange is { From: { } from } range)
        {
            if (from != state.Offset)
            {
                throw ModelStoreException.Upstream("Resuming", 206, $"asked for bytes from {state.Offset:N0}, got a range from {from:N0}");
            }
            state.Total ??= range.Length;
            return;
        }
        if (state.Offset > 0)
        {
            // The server ignored Range and sends the whole file: start over rather than append it to the prefix.
            state.File.SetLength(0);
            state.Hash.GetHashAndReset();
            state.Offset = 0;
        }
        state.Total ??= content.ContentLength;
    }

    private sealed class Transfer(FileStream file, IncrementalHash hash, long? total, long? room, Action<long, long?> progress)
    {
        public FileStream File { get; } = file;
        public IncrementalHash Hash { get; } = hash;
        public Action<long, long?> Progress { get; } = progress;
        public long? Total { get; set; } = total;
        public long? Room { get; } = room;
        public long Offset { get; set; }

        /// <summary>Where writing stops: the declared size or the quota's room, whichever comes first.</summary>
        public long Limit => Math.Min(Total ?? long.MaxValue, Room ?? long.MaxValue);
    }
}

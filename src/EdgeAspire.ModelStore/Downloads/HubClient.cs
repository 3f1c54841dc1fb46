using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using EdgeAspire.ModelStore.Catalog;
using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore.Downloads;

/// <summary>
/// Talks to the Hub (or a mirror): the tree API for sizes and hashes, <c>resolve</c> for bytes. It owns its
/// <see cref="HttpClient"/> rather than taking one from the factory: the service defaults' total timeout and
/// response-level retries suit API calls, not a multi-gigabyte body, whose retries must resume from a byte offset.
/// </summary>
internal sealed class HubClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string? _token;
    private readonly TimeSpan _readTimeout;

    public HubClient(IOptions<ModelStoreOptions> options, IConfiguration configuration)
    {
        Endpoint = options.Value.Endpoint;
        _readTimeout = options.Value.ReadTimeout;
        _token = configuration["HF_TOKEN"] is { Length: > 0 } token ? token : null;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None, // byte offsets must be offsets in the file
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = Timeout.InfiniteTimeSpan }; // the read timeout is per read; see ResumableDownload
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("EdgeAspire.ModelStore/1.0");
    }

    public string Endpoint { get; }

    /// <summary>Size and sha256 of the entry's file from <c>api/models/{repo}/tree/{revision}</c>.</summary>
    /// A listing that does not arrive within the read timeout is cancelled, which the caller's back-off retries as a
    /// stall: the client's own timeout is infinite, for the downloads' sake.
    public async Task<(long? Size, string? Sha256)> GetFileFactsAsync(CatalogEntry entry, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_readTimeout);
        using var response = await SendAsync(RepoPaths.Tree(Endpoint, entry), from: 0, timeout.Token).ConfigureAwait(false);
        ThrowIfFailed(response, entry, "Reading the Hub's file list");
        var files = await response.Content.ReadFromJsonAsync<TreeEntry[]>(timeout.Token).ConfigureAwait(false) ?? [];
        var file = files.FirstOrDefault(f => f.Path == entry.File)
            ?? throw ModelStoreException.Upstream("Reading the Hub's file list", null, $"'{entry.Repo}' has no file '{entry.File}' at revision '{entry.Revision}'");
        return (file.Lfs?.Size ?? file.Size, file.Lfs?.Oid?.ToLowerInvariant());
    }

    /// <summary>GET with <c>Range: bytes=from-</c> when <paramref name="from"/> is past 0; returns once headers arrive.</summary>
    public async Task<HttpResponseMessage> SendAsync(Uri uri, long from, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (from > 0)
        {
            request.Headers.Range = new RangeHeaderValue(from, null);
        }
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gated and missing files fail at once; 5xx, 408 and 429 are thrown as transient for a retry.</summary>
    public static void ThrowIfFailed(HttpResponseMessage response, CatalogEntry entry, string what)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        throw status switch
        {
            401 or 403 => ModelStoreException.Gated(entry.Repo, status),
            _ when TransientStatusException.IsTransient(status) => new TransientStatusException(status, response.ReasonPhrase),
            _ => ModelStoreException.Upstream(what, status, $"{response.RequestMessage?.RequestUri} answered {response.ReasonPhrase}"),
        };
    }

    public void Dispose() => _http.Dispose();

    private sealed record TreeEntry(
        [property: JsonPropertyName("path")] string? Path,
        [property: JsonPropertyName("size")] long? Size,
        [property: JsonPropertyName("lfs")] LfsInfo? Lfs);

    private sealed record LfsInfo(
        [property: JsonPropertyName("oid")] string? Oid,
        [property: JsonPropertyName("size")] long? Size);
}

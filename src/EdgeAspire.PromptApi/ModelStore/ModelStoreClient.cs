using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Refit;

namespace EdgeAspire.PromptApi.ModelStore;

/// <summary>The ModelStore seen from a worker: what it offers, asking it to pull a model from the Hub, and copying
/// the file here with <c>Range</c> resume and a sha256 check. Its address comes from service discovery
/// (<c>services__modelstore__http__0</c>).</summary>
internal sealed partial class ModelStoreClient(IModelStoreApi api, HttpClient http, ILogger<ModelStoreClient> logger)
{
    public const string ServiceName = "modelstore";

    private const int MaxAttempts = 5;

    /// <summary>Whether service discovery has an address for the store (<c>services:modelstore:…</c>).</summary>
    public static bool IsConfigured(IConfiguration configuration) => configuration.GetSection($"services:{ServiceName}").Exists();

    /// <summary>The logical address, resolved by service discovery: https when the store has it, else http; and the
    /// worker's key for a store that requires one.</summary>
    public static void ConfigureHttp(IServiceProvider services, HttpClient http)
    {
        http.BaseAddress = new Uri($"https+http://{ServiceName}/");
        if (services.GetRequiredService<IOptions<PromptApiOptions>>().Value.ModelStoreApiKey is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
    }

    public async Task<IReadOnlyList<StoreModel>> ListAsync(CancellationToken cancellationToken) =>
        (await api.ListAsync(cancellationToken).ConfigureAwait(false))?.Data ?? [];

    public async Task<StoreModel?> FindAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await api.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }
        return response.IsSuccessful
            ? response.Content
            : throw new ModelStoreException($"The ModelStore could not look up '{id}' ({(int?)response.StatusCode}): {StoreReason.Of((response.Error as ApiException)?.Content)}");
    }

    /// <summary>Has the store fetch the model (from the Hub when it lacks it) and waits until it has it; the store
    /// reports progress as server-sent events until <c>done</c> or <c>failed</c>.</summary>
    public async Task<StoreModel> PullAsync(string id, CancellationToken cancellationToken)
    {
        var path = $"models/{Uri.EscapeDataString(id)}";
        using (var start = await api.StartPullAsync(id, cancellationToken).ConfigureAwait(false))
        {
            await EnsureSuccessAsync(start, "pull", id, cancellationToken).ConfigureAwait(false);
            if (start.StatusCode == HttpStatusCode.Accepted)
            {
                await WaitForPullAsync($"{path}/pull", id, cancellationToken).ConfigureAwait(false);
            }
        }
        return await FindAsync(id, cancellationToken).ConfigureAwait(false) is { State: "present", Sha256: { Length: 64 } } present
            ? present
            : throw new ModelStoreException($"The ModelStore did not finish pulling '{id}'.");
    }

    /// <summary>Copies the store's file to <paramref name="destination"/>: written to <c>.partial</c>, resumed
    /// with <c>Range</c> after a dropped connection, verified against <paramref name="sha256"/>, renamed into place.</summary>
    /// <returns>Bytes received over the network (less than the size when a partial file was resumed).</returns>
    public async Task<long> DownloadAsync(string id, string sha256, string destination, CancellationToken cancellationToken)
    {
        var partial = destination + ".partial";
        long received = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                received += await DownloadOnceAsync(id, sha256, partial, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (attempt < MaxAttempts && e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                LogResuming(logger, id, attempt, e.Message);
            }
        }
        var actual = await HashFileAsync(partial, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new ModelStoreException($"The copy of '{id}' from the ModelStore has sha256 {actual}, expected {sha256}; it was deleted.");
        }
        File.Move(partial, destination, overwrite: true);
        return received;
    }

    private async Task<long> DownloadOnceAsync(string id, string sha256, string partial, CancellationToken cancellationToken)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"files/{Uri.EscapeDataString(id)}");
        if (have > 0)
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(have, null);
            // Only resume the same file: a different ETag gets the whole file back (200).
            request.Headers.IfRange = new System.Net.Http.Headers.RangeConditionHeaderValue($"\"{sha256}\"");
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return 0; // the partial file is already whole; the hash decides
        }
        await EnsureSuccessAsync(response, "download", id, cancellationToken).ConfigureAwait(false);
        var append = response.StatusCode == HttpStatusCode.PartialContent;
        await using var file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var before = file.Position;
        await body.CopyToAsync(file, 1 << 20, cancellationToken).ConfigureAwait(false);
        return file.Position - before;
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }

    private async Task WaitForPullAsync(string path, string id, CancellationToken cancellationToken)
    {
        using var events = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(events, "follow the pull of", id, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line == "event: done")
            {
                return;
            }
            if (line == "event: failed")
            {
                var data = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                throw new ModelStoreException($"The ModelStore failed to pull '{id}': {StoreReason.Of(data?.Replace("data: ", "", StringComparison.Ordinal))}");
            }
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, string id, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ModelStoreException($"The ModelStore could not {action} '{id}' ({(int)response.StatusCode}): {StoreReason.Of(body)}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copy of {Id} from the ModelStore broke off (attempt {Attempt}): {Reason}; resuming")]
    private static partial void LogResuming(ILogger logger, string id, int attempt, string reason);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.ModelStore;

/// <summary>Brings a model the worker lacks from the ModelStore into its cache folder, once however many requests
/// ask for it at the same time.</summary>
internal sealed partial class StoreModelFetcher(IServiceProvider services, IConfiguration configuration, IOptions<PromptApiOptions> options,
    ILogger<StoreModelFetcher> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _fetches = new(StringComparer.Ordinal);

    /// <summary>Whether a ModelStore is configured (<c>services:modelstore:…</c>).</summary>
    public bool IsEnabled => ModelStoreClient.IsConfigured(configuration);

    public ModelStoreClient Client => services.GetRequiredService<ModelStoreClient>();

    /// <returns>False when the store does not know the model.</returns>
    public async Task<bool> FetchAsync(string id, CancellationToken cancellationToken)
    {
        var fetch = _fetches.GetOrAdd(id, key => new Lazy<Task<bool>>(() => FetchOnceAsync(key)));
        try
        {
            return await fetch.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (fetch.Value.IsCompleted)
            {
                _fetches.TryRemove(new KeyValuePair<string, Lazy<Task<bool>>>(id, fetch));
            }
        }
    }

    // Not tied to one request's cancellation: other requests may be waiting for the same file.
    private async Task<bool> FetchOnceAsync(string id)
    {
        using var span = GenAiTelemetry.StartStage("model.pull");
        span?.SetTag("gen_ai.request.model", id);
        try
        {
            var client = Client;
            if (await client.FindAsync(id, CancellationToken.None).ConfigureAwait(false) is null)
            {
                return false;
            }
            var stored = await client.PullAsync(id, CancellationToken.None).ConfigureAwait(false);
            var folder = Directory.CreateDirectory(options.Value.CacheFolder).FullName;
            var started = Stopwatch.GetTimestamp();
            LogFetching(logger, id, stored.Size ?? 0, folder);
            var received = await client.DownloadAsync(id, stored.Sha256!, Path.Combine(folder, id + ".gguf"), CancellationToken.None).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            span?.SetTag("edgeaspire.model.sha256", stored.Sha256);
            span?.SetTag("edgeaspire.pull.bytes", received);
            span?.SetTag("edgeaspire.pull.megabytes_per_second", seconds > 0 ? Math.Round(received / seconds / 1e6, 1) : 0);
            return true;
        }
        catch (Exception e)
        {
            GenAiTelemetry.Failed(span, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetching model {Id} ({Bytes} bytes) from the ModelStore into {Folder}")]
    private static partial void LogFetching(ILogger logger, string id, long bytes, string folder);
}

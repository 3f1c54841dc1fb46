using System.Text.Json;

namespace EdgeAspire.Evaluator.Measurement;

/// <summary>Where the CPU and memory of the process that serves a request are read. Behind an EdgeAspire gateway
/// (it answers <c>GET /v1/workers</c>), one probe per worker: every worker is sampled while a request runs, and the
/// request's figures are those of the worker the gateway names in its <c>X-EdgeAspire-Worker</c> header, so a
/// gateway's own small CPU figure never stands in for the node doing inference. Elsewhere, one probe: the server's
/// <c>/metrics</c> or the <c>--metrics-url</c> given.</summary>
public sealed class ServingProbes
{
    /// <summary>The gateway's response header naming the serving worker (EdgeAspire.PromptApi's <c>WorkerHeader</c>).</summary>
    public const string WorkerHeader = "X-EdgeAspire-Worker";

    private readonly string _description;

    private ServingProbes(IReadOnlyDictionary<string, IResourceProbe> byWorker, IResourceProbe? server, string description)
    {
        ByWorker = byWorker;
        Server = server;
        _description = description;
    }

    /// <summary>Worker address → its probe; empty unless the endpoint is a gateway.</summary>
    public IReadOnlyDictionary<string, IResourceProbe> ByWorker { get; }

    /// <summary>The one probe of a server that is not a gateway (or of an explicit <c>--metrics-url</c>).</summary>
    public IResourceProbe? Server { get; }

    /// <summary>The metrics endpoints read, for the run's record.</summary>
    public string Describe() => _description;

    public static ServingProbes Of(HttpClient http, Uri metricsUrl) => new(new Dictionary<string, IResourceProbe>(), new PrometheusResourceProbe(http, metricsUrl), metricsUrl.ToString());

    /// <summary>Probes of a gateway's workers, by the address its <see cref="WorkerHeader"/> gives.</summary>
    public static ServingProbes Of(IReadOnlyDictionary<string, IResourceProbe> byWorker) => new(byWorker, null, string.Join(" ", byWorker.Keys));

    /// <summary>The gateway's workers when <paramref name="workersUrl"/> lists them; otherwise <paramref name="fallbackMetricsUrl"/>.</summary>
    public static async Task<ServingProbes> DiscoverAsync(HttpClient http, Uri workersUrl, Uri fallbackMetricsUrl, CancellationToken cancellationToken)
    {
        var workers = await ReadWorkersAsync(http, workersUrl, cancellationToken).ConfigureAwait(false);
        return workers.Count == 0
            ? Of(http, fallbackMetricsUrl)
            : new ServingProbes(workers.ToDictionary(w => w.Address, IResourceProbe (w) => new PrometheusResourceProbe(http, w.Metrics), StringComparer.Ordinal), null,
                string.Join(" ", workers.Select(w => w.Metrics)));
    }

    private static async Task<IReadOnlyList<(string Address, Uri Metrics)>> ReadWorkersAsync(HttpClient http, Uri workersUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(workersUrl, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return []; // a worker, llama-server, any other OpenAI server: no such route
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            return [.. data.EnumerateArray()
                .Where(w => w.TryGetProperty("address", out var a) && a.ValueKind == JsonValueKind.String && w.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.String)
                .Select(w => (w.GetProperty("address").GetString()!, Uri.TryCreate(w.GetProperty("metrics").GetString(), UriKind.Absolute, out var url) ? url : null))
                .Where(w => w.Item2 is not null).Select(w => (w.Item1, w.Item2!))];
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            return [];
        }
    }
}

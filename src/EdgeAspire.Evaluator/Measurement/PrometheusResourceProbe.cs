using System.Globalization;

namespace EdgeAspire.Evaluator.Measurement;

/// <summary>The server's Prometheus <c>/metrics</c>: <c>process_cpu_seconds_total</c> and
/// <c>process_resident_memory_bytes</c> (the cgroup's figures when the server reports them and the process ones are absent).</summary>
public sealed class PrometheusResourceProbe(HttpClient http, Uri metricsUrl) : IResourceProbe
{
    private bool _unavailable;

    public Uri Url { get; } = metricsUrl;

    public async Task<(double CpuSeconds, long RssBytes)?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_unavailable)
        {
            return null;
        }
        string text;
        try
        {
            using var response = await http.GetAsync(Url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                _unavailable = response.StatusCode == System.Net.HttpStatusCode.NotFound;
                return null;
            }
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        var values = Parse(text);
        var cpu = values.GetValueOrDefault("process_cpu_seconds_total") ?? values.GetValueOrDefault("edgeaspire_cgroup_cpu_usage_seconds_total");
        var rss = values.GetValueOrDefault("process_resident_memory_bytes") ?? values.GetValueOrDefault("edgeaspire_cgroup_memory_current_bytes");
        return cpu is null || rss is null ? null : (cpu.Value, (long)rss.Value);
    }

    /// <summary>Unlabelled samples (and the first sample of a labelled family) by metric name.</summary>
    public static Dictionary<string, double?> Parse(string text)
    {
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var nameEnd = line.IndexOfAny([' ', '{']);
            if (nameEnd <= 0)
            {
                continue;
            }
            var valueStart = line[nameEnd] == '{' ? line.IndexOf('}', nameEnd) + 1 : nameEnd;
            var fields = line[valueStart..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values.TryAdd(line[..nameEnd], value);
            }
        }
        return values;
    }
}

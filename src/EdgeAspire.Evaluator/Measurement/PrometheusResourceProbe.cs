using System.Globalization;

namespace EdgeAspire.Evaluator.Measurement;

/// <summary>The server's Prometheus <c>/metrics</c>: OpenTelemetry's process instrumentation
/// (<c>process_cpu_time_seconds_total</c>, one series per CPU state, summed; <c>process_memory_usage_bytes</c>), else the
/// conventional <c>process_cpu_seconds_total</c> and <c>process_resident_memory_bytes</c> (servers before the move to
/// OpenTelemetry's exporter, other exporters), else the cgroup's figures.</summary>
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
        var cpu = values.GetValueOrDefault("process_cpu_time_seconds_total") ?? values.GetValueOrDefault("process_cpu_seconds_total")
            ?? values.GetValueOrDefault("edgeaspire_cgroup_cpu_usage_seconds_total");
        var rss = values.GetValueOrDefault("process_memory_usage_bytes") ?? values.GetValueOrDefault("process_resident_memory_bytes")
            ?? values.GetValueOrDefault("edgeaspire_cgroup_memory_current_bytes");
        return cpu is null || rss is null ? null : (cpu.Value, (long)rss.Value);
    }

    /// <summary>Each metric's samples summed over their labels (CPU time by state; a gauge has one series).</summary>
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
                var name = line[..nameEnd];
                values[name] = (values.GetValueOrDefault(name) ?? 0) + value;
            }
        }
        return values;
    }
}

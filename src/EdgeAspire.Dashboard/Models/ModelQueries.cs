using EdgeAspire.Dashboard.Storage;
using static EdgeAspire.Dashboard.Traces.TraceQueries;

namespace EdgeAspire.Dashboard.Models;

/// <summary>Per model (<c>gen_ai.request.model</c>) from the <c>chat</c>/<c>text_completion</c> spans, the
/// <c>model.load</c> spans and the workers' <c>edgeaspire.*</c> metrics.</summary>
internal static class ModelQueries
{
    // Observed gauges that report one point per loaded model at every export.
    private static readonly string[] s_perLoadedModel = ["edgeaspire.sequences.active", "edgeaspire.kv_cache.usage", "edgeaspire.queue.depth"];

    public static List<ModelSummary> List(IReadOnlyList<SpanData> spans, IReadOnlyList<MetricPoint> metrics)
    {
        var operations = spans.Where(s => s.Attributes.ContainsKey("gen_ai.operation.name") && Model(s.Attributes) is not null).ToList();
        var loads = spans.Where(s => s.Name == "model.load" && Model(s.Attributes) is not null).ToList();
        var modelMetrics = metrics.Where(p => Model(p.Attributes) is not null).ToList();
        var ids = operations.Select(s => Model(s.Attributes)!).Concat(loads.Select(s => Model(s.Attributes)!))
            .Concat(modelMetrics.Select(p => Model(p.Attributes)!)).Distinct().Order(StringComparer.Ordinal);
        return [.. ids.Select(id => Summarize(id, operations, loads, modelMetrics, metrics))];
    }

    private static string? Model(IReadOnlyDictionary<string, object?> attributes) => attributes.GetValueOrDefault(ModelAttribute) as string;

    private static ModelSummary Summarize(string id, List<SpanData> operations, List<SpanData> loads, List<MetricPoint> modelMetrics,
        IReadOnlyList<MetricPoint> metrics)
    {
        var requests = operations.Where(s => Model(s.Attributes) == id).OrderBy(s => s.EndUnixNano).ToList();
        var own = modelMetrics.Where(p => Model(p.Attributes) == id).ToList();
        var services = requests.Select(s => s.Resource.ServiceName).Concat(own.Select(p => p.Resource.ServiceName))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var load = loads.Where(s => Model(s.Attributes) == id).MaxBy(s => s.EndUnixNano);
        return new ModelSummary(
            id, services, Loaded(id, services, metrics),
            load?.Attributes.GetValueOrDefault("edgeaspire.model.memory_estimate_bytes") is long estimate ? estimate : null,
            ServiceMemory(services, metrics),
            requests.Count, requests.Count(s => s.StatusCode == SpanData.StatusError),
            requests.Sum(s => s.Attributes.GetValueOrDefault("gen_ai.usage.output_tokens") as long? ?? 0),
            requests.Count > 0 ? requests[^1].EndUnixNano / 1e6 : null,
            PerRequest(requests, "edgeaspire.decode.tokens_per_second"),
            Throughput(own.Where(p => p.Name == "edgeaspire.generated_tokens")),
            PerRequest(requests, "edgeaspire.time_to_first_token_ms"));
    }

    private static List<double[]> PerRequest(List<SpanData> requests, string attribute) =>
        [.. requests.Select(s => (s.EndUnixNano / 1e6, Value: s.Attributes.GetValueOrDefault(attribute)))
            .Where(p => p.Value is double or long)
            .Select(p => new[] { p.Item1, Convert.ToDouble(p.Value, System.Globalization.CultureInfo.InvariantCulture) })];

    /// <summary>The counter is cumulative per worker instance: the rate between consecutive exports, one series per worker.</summary>
    private static List<double[]> Throughput(IEnumerable<MetricPoint> counter)
    {
        var rates = new List<double[]>();
        foreach (var series in counter.GroupBy(p => p.Resource.InstanceId ?? p.Resource.ServiceName))
        {
            MetricPoint? previous = null;
            foreach (var point in series.OrderBy(p => p.TimeUnixNano))
            {
                var seconds = previous is null ? 0 : (point.TimeUnixNano - previous.TimeUnixNano) / 1e9;
                // A delta point, or the first cumulative one (the SDK starts a series at its first measurement,
                // often a whole request before the first export), counts from its own start time.
                if ((point.IsDelta || previous is null) && point.StartUnixNano > 0 && point.TimeUnixNano > point.StartUnixNano)
                {
                    rates.Add([point.TimeUnixNano / 1e6, point.Value / ((point.TimeUnixNano - point.StartUnixNano) / 1e9)]);
                }
                else if (previous is not null && seconds > 0)
                {
                    rates.Add([point.TimeUnixNano / 1e6, Math.Max(0, point.Value - previous.Value) / seconds]);
                }
                previous = point;
            }
        }
        return [.. rates.OrderBy(r => r[0])];
    }

    /// <summary>In memory when its worker's latest export, marked by <c>edgeaspire.models.loaded</c>, also had a
    /// per-model gauge point for it (within a second: the gauges of one export are observed back to back).</summary>
    private static bool? Loaded(string id, List<string> services, IReadOnlyList<MetricPoint> metrics)
    {
        bool? loaded = null;
        foreach (var service in services)
        {
            var latest = metrics.Where(p => p.Name == "edgeaspire.models.loaded" && p.Resource.ServiceName == service)
                .Select(p => (long?)p.TimeUnixNano).Max();
            if (latest is not { } time)
            {
                continue;
            }
            loaded = (loaded ?? false) || metrics.Any(p => p.Resource.ServiceName == service && s_perLoadedModel.Contains(p.Name)
                && Model(p.Attributes) == id && p.TimeUnixNano >= time - 1_000_000_000L);
        }
        return loaded;
    }

    private static long? ServiceMemory(List<string> services, IReadOnlyList<MetricPoint> metrics)
    {
        var latest = services.Select(service => metrics.LastOrDefault(p => p.Name == "edgeaspire.models.memory" && p.Resource.ServiceName == service))
            .OfType<MetricPoint>().ToList();
        return latest.Count == 0 ? null : (long)latest.Sum(p => p.Value);
    }
}

using EdgeAspire.Dashboard.Storage;

namespace EdgeAspire.Dashboard.Resources;

/// <summary>Per <c>service.name</c>: when telemetry last arrived and the process' CPU and memory from its latest
/// metric points (our ServiceDefaults export <c>process.cpu</c> and <c>process.resident_memory</c>; other SDKs'
/// names are accepted too).</summary>
internal sealed record ServiceActivity(string ServiceName, DateTimeOffset LastSeen, double? CpuPercent, long? MemoryBytes)
{
    private static readonly HashSet<string> s_cpuSeconds = new(StringComparer.Ordinal)
        { "process.cpu", "process.cpu.time", "process_cpu_seconds_total", "edgeaspire.cgroup.cpu.usage" };

    private static readonly HashSet<string> s_memoryBytes = new(StringComparer.Ordinal)
        { "process.resident_memory", "process.memory.usage", "process_resident_memory_bytes", "process.runtime.dotnet.gc.heap.size" };

    public static Dictionary<string, ServiceActivity> From(TelemetryStore store)
    {
        var lastSeen = new Dictionary<string, long>(StringComparer.Ordinal);
        void Seen(string service, long nanos) =>
            lastSeen[service] = Math.Max(nanos, lastSeen.GetValueOrDefault(service));
        foreach (var span in store.Spans())
        {
            Seen(span.Resource.ServiceName, span.EndUnixNano);
        }
        foreach (var (_, log) in store.Logs())
        {
            Seen(log.Resource.ServiceName, log.TimeUnixNano);
        }
        var metrics = store.Metrics();
        foreach (var point in metrics)
        {
            Seen(point.Resource.ServiceName, point.TimeUnixNano);
        }

        var result = new Dictionary<string, ServiceActivity>(StringComparer.Ordinal);
        foreach (var (service, nanos) in lastSeen)
        {
            var own = metrics.Where(p => p.Resource.ServiceName == service).ToList();
            result[service] = new ServiceActivity(service, DateTimeOffset.UnixEpoch.AddTicks(nanos / 100), CpuRate(own), Memory(own));
        }
        return result;
    }

    /// <summary>CPU seconds are cumulative: the rate between the last two points of the same series.</summary>
    private static double? CpuRate(List<MetricPoint> points)
    {
        var cpu = points.Where(p => s_cpuSeconds.Contains(p.Name) && !p.IsDelta).ToList();
        foreach (var name in s_cpuSeconds)
        {
            var series = cpu.Where(p => p.Name == name && p.Attributes.Count == 0).TakeLast(2).ToList();
            if (series.Count == 2 && series[1].TimeUnixNano > series[0].TimeUnixNano)
            {
                var seconds = (series[1].TimeUnixNano - series[0].TimeUnixNano) / 1e9;
                return Math.Max(0, (series[1].Value - series[0].Value) / seconds * 100);
            }
        }
        return null;
    }

    private static long? Memory(List<MetricPoint> points) =>
        points.LastOrDefault(p => s_memoryBytes.Contains(p.Name)) is { } latest ? (long)latest.Value : null;
}

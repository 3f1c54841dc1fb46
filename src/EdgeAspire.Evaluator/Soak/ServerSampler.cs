using System.Globalization;
using System.Text.RegularExpressions;
using EdgeAspire.Evaluator.Measurement;

namespace EdgeAspire.Evaluator.Soak;

/// <summary>Reads the server's RSS, CPU time, threads and open files from <c>/proc/&lt;pid&gt;</c> when it runs
/// here, else from its Prometheus text; the managed heap and native object counts always come from the Prometheus
/// text when the server exports them.</summary>
internal sealed partial class ServerSampler(HttpClient http, int? pid, Uri metricsUrl)
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    public async Task<ServerSample> SampleAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        var text = await MetricsAsync(cancellationToken).ConfigureAwait(false);
        var metrics = text is null ? [] : PrometheusResourceProbe.Parse(text);
        var natives = text is null ? new Dictionary<string, long>() : NativeObjects(text);
        long? gcHeap = metrics.GetValueOrDefault("dotnet_gc_last_collection_heap_size_bytes") is { } heap ? (long)heap : null;
        if (pid is { } id && ReadProc(id) is { } proc)
        {
            return new ServerSample(at, proc.Rss, proc.Cpu, proc.Threads, proc.Files, gcHeap, natives);
        }
        var rss = metrics.GetValueOrDefault("process_memory_usage_bytes") ?? metrics.GetValueOrDefault("process_resident_memory_bytes");
        var cpu = metrics.GetValueOrDefault("process_cpu_time_seconds_total") ?? metrics.GetValueOrDefault("process_cpu_seconds_total");
        var threads = metrics.GetValueOrDefault("process_thread_count") ?? metrics.GetValueOrDefault("process_threads");
        var files = metrics.GetValueOrDefault("process_unix_file_descriptor_count") ?? metrics.GetValueOrDefault("process_open_fds");
        return new ServerSample(at, (long?)rss, cpu, (int?)threads, (int?)files, gcHeap, natives);
    }

    private async Task<string?> MetricsAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(metricsUrl, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // the server was too busy to answer within the client's timeout: a gap, not a failure
        }
    }

    private static (long Rss, double Cpu, int Threads, int Files)? ReadProc(int id)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{id}/status");
            var stat = File.ReadAllText($"/proc/{id}/stat");
            // Fields after the command name, which is in parentheses and may itself contain spaces: state is field 3,
            // utime 14, stime 15 (proc(5)).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
            return (Field(status, "VmRSS:") * 1024, cpu, (int)Field(status, "Threads:"), Directory.GetFiles($"/proc/{id}/fd").Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process has ended, or is another user's
        }
    }

    private static long Field(string[] status, string name) =>
        long.Parse(status.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>The PromptApi's <c>edgeaspire_native_objects{kind="…"}</c> gauge, by kind.</summary>
    private static Dictionary<string, long> NativeObjects(string text)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match match in NativeObjectLine().Matches(text))
        {
            var kind = match.Groups["kind"].Value;
            counts[kind] = counts.GetValueOrDefault(kind) + (long)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return counts;
    }

    [GeneratedRegex("""^edgeaspire_native_objects(?:_total)?\{[^}]*\bkind="(?<kind>[a-z]+)"[^}]*\}\s+(?<value>[0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex NativeObjectLine();
}

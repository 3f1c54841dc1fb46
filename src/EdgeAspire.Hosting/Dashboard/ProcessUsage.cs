using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeAspire.Hosting.Dashboard;

/// <summary>
/// CPU and resident memory of the resources' processes, read from the OS (on Linux, <c>/proc/{pid}</c>) each time the
/// Resources page asks. This works whether or not the services export telemetry to the dashboard.
/// </summary>
internal sealed class ProcessUsage(TimeProvider time)
{
    private readonly ConcurrentDictionary<int, (TimeSpan Cpu, long Ticks)> _previous = new();

    /// <summary>CPU in percent of one core since the previous sample of the same process (null on the first), and
    /// its resident set size; both null when the process is gone.</summary>
    public (double? CpuPercent, long? MemoryBytes) Sample(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            var (cpu, memory, now) = (process.TotalProcessorTime, process.WorkingSet64, time.GetTimestamp());
            double? percent = null;
            if (_previous.TryGetValue(processId, out var before) && time.GetElapsedTime(before.Ticks, now) is { TotalSeconds: > 0.05 } elapsed)
            {
                percent = Math.Max(0, (cpu - before.Cpu).TotalSeconds / elapsed.TotalSeconds * 100);
            }
            _previous[processId] = (cpu, now);
            return (percent, memory);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Exited between the snapshot and now.
            _previous.TryRemove(processId, out _);
            return (null, null);
        }
    }
}

using System.Diagnostics;
using EdgeAspire.Dashboard.Resources;
using IDashboardResources = EdgeAspire.Dashboard.Resources.IResourceStateProvider;
using EdgeAspire.Hosting.Local;
using DashboardSnapshot = EdgeAspire.Dashboard.Resources.ResourceSnapshot;

namespace EdgeAspire.Hosting.Dashboard;

/// <summary>
/// The dashboard's Resources page from the runner's own view: every replica with its state, URL, restarts and
/// process, even one that never sent telemetry. CPU and memory are the process's own (two readings apart), so
/// replicas of one service, which share its <c>service.name</c>, are told apart; the service's telemetry tells when
/// it was last heard from.
/// </summary>
internal sealed class RunnerResourceStates(ResourceStateStore states, TelemetryResourceStateProvider telemetry) : IDashboardResources
{
    private readonly Dictionary<int, (long At, TimeSpan Cpu)> _previous = [];
    private readonly Lock _lock = new();

    public async ValueTask<IReadOnlyList<DashboardSnapshot>> GetResourcesAsync(CancellationToken cancellationToken)
    {
        var heard = (await telemetry.GetResourcesAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => r.ServiceName is not null)
            .ToDictionary(r => r.ServiceName!, StringComparer.Ordinal);
        return [.. states.GetSnapshots().Select(replica =>
        {
            // OTEL_SERVICE_NAME: the resource's name unless the composition set its own (WithEnvironment).
            var serviceName = replica.ServiceName ?? replica.ResourceName;
            var service = heard.GetValueOrDefault(serviceName);
            var (cpu, memory) = replica.ProcessId is { } pid ? Usage(pid) : (null, null);
            return new DashboardSnapshot(replica.Name, replica.State.ToString(), replica.Kind,
                replica.Url is { } url ? [url.ToString()] : [], replica.Restarts, replica.ProcessId,
                cpu ?? service?.CpuPercent, memory ?? service?.MemoryBytes, service?.LastSeen, serviceName);
        })];
    }

    private (double? CpuPercent, long? MemoryBytes) Usage(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            var now = Stopwatch.GetTimestamp();
            var cpu = process.TotalProcessorTime;
            double? percent = null;
            lock (_lock)
            {
                if (_previous.TryGetValue(pid, out var before) && now > before.At)
                {
                    percent = (cpu - before.Cpu).TotalSeconds / Stopwatch.GetElapsedTime(before.At, now).TotalSeconds * 100;
                }
                _previous[pid] = (now, cpu);
            }
            return (percent, process.WorkingSet64);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return (null, null); // exited between the snapshot and this reading
        }
    }
}

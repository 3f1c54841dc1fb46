using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// CPU and memory of this process, and of its container when there is one (cgroup v2). The instrument names and
/// units are chosen so that the Prometheus mapping yields the conventional names dashboards expect:
/// <c>process.cpu</c> (s, counter) → <c>process_cpu_seconds_total</c>, <c>process.resident_memory</c> (By) →
/// <c>process_resident_memory_bytes</c>, <c>edgeaspire.cgroup.memory.current</c> (By) →
/// <c>edgeaspire_cgroup_memory_current_bytes</c>, <c>edgeaspire.cgroup.cpu.usage</c> (s, counter) →
/// <c>edgeaspire_cgroup_cpu_usage_seconds_total</c>. (The semantic conventions' <c>process.cpu.time</c> would map to
/// <c>process_cpu_time_seconds_total</c>, which no Prometheus dashboard knows.)
/// </summary>
internal sealed class ProcessMeter : IHostedService, IDisposable
{
    public const string MeterName = "EdgeAspire.Process";

    private readonly IMeterFactory _meterFactory;
    private readonly CgroupStats _cgroup;
    private Meter? _meter;

    public ProcessMeter(IMeterFactory meterFactory)
        : this(meterFactory, CgroupStats.DefaultRoot)
    {
    }

    internal ProcessMeter(IMeterFactory meterFactory, string cgroupRoot)
    {
        _meterFactory = meterFactory;
        _cgroup = new CgroupStats(cgroupRoot);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_meter is not null)
        {
            return Task.CompletedTask;
        }

        _meter = _meterFactory.Create(MeterName);

        // User plus system time, as Process.TotalProcessorTime, without a Process object per observation.
        _meter.CreateObservableCounter("process.cpu", () => Environment.CpuUsage.TotalTime.TotalSeconds, "s",
            "CPU time of this process (user and system)");
        _meter.CreateObservableGauge("process.resident_memory", () => Environment.WorkingSet, "By",
            "Resident memory of this process");

        if (_cgroup.HasMemory)
        {
            _meter.CreateObservableGauge("edgeaspire.cgroup.memory.current", () => Optional(_cgroup.MemoryBytes()), "By",
                "Memory charged to this container's cgroup (memory.current), page cache included");
        }

        if (_cgroup.HasCpu)
        {
            _meter.CreateObservableCounter("edgeaspire.cgroup.cpu.usage", () => Optional(_cgroup.CpuSeconds()), "s",
                "CPU time of this container's cgroup (cpu.stat usage_usec)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter?.Dispose();

    private static Measurement<T>[] Optional<T>(T? value)
        where T : struct => value is { } present ? [new Measurement<T>(present)] : [];
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// The container's CPU and memory (cgroup v2), which OpenTelemetry's process instrumentation does not report and a
/// Kubernetes limit is enforced against: <c>edgeaspire.cgroup.memory.current</c> (By) and
/// <c>edgeaspire.cgroup.cpu.usage</c> (s, counter). Outside a cgroup v2 container neither instrument exists.
/// </summary>
internal sealed class CgroupMeter : IHostedService, IDisposable
{
    public const string MeterName = "EdgeAspire.Cgroup";

    private readonly IMeterFactory _meterFactory;
    private readonly CgroupStats _cgroup;
    private Meter? _meter;

    public CgroupMeter(IMeterFactory meterFactory)
        : this(meterFactory, CgroupStats.DefaultRoot)
    {
    }

    internal CgroupMeter(IMeterFactory meterFactory, string cgroupRoot)
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

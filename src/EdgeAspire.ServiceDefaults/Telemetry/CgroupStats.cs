using System.Globalization;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// The container's own accounting under cgroup v2 (<c>memory.current</c>, <c>cpu.stat</c>'s <c>usage_usec</c>), which
/// is what a Kubernetes memory limit is enforced against. Reads never throw: outside a container, on cgroup v1 or
/// when a file vanishes, they report nothing.
/// </summary>
internal sealed class CgroupStats(string root)
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    private readonly string _memoryCurrent = Path.Combine(root, "memory.current");
    private readonly string _cpuStat = Path.Combine(root, "cpu.stat");

    public bool HasMemory => File.Exists(_memoryCurrent);

    public bool HasCpu => File.Exists(_cpuStat);

    public long? MemoryBytes() =>
        TryRead(_memoryCurrent) is { } text && long.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            ? bytes
            : null;

    public double? CpuSeconds()
    {
        if (TryRead(_cpuStat) is not { } text)
        {
            return null;
        }

        foreach (var line in text.AsSpan().EnumerateLines())
        {
            const string Key = "usage_usec ";
            if (line.StartsWith(Key, StringComparison.Ordinal)
                && long.TryParse(line[Key.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds))
            {
                return microseconds / 1e6;
            }
        }

        return null;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeAspire.Evaluator.Results;

/// <summary>The machine the evaluator runs on (in-process: also the machine the model runs on).</summary>
public static class HostEnvironment
{
    public static IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["cpu_model"] = CpuModel() ?? "unknown",
        ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        ["memory_bytes"] = MemoryBytes()?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
        ["os"] = RuntimeInformation.OSDescription,
        ["arch"] = RuntimeInformation.OSArchitecture.ToString(),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["host"] = Environment.MachineName,
    };

    private static string? CpuModel()
    {
        try
        {
            // x86 says "model name"; a Raspberry Pi's arm64 kernel says "Model" (the board) and no model name.
            var lines = File.ReadAllLines("/proc/cpuinfo");
            return Field(lines, "model name") ?? Field(lines, "Model") ?? Field(lines, "Hardware");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Field(string[] lines, string name) => lines
        .Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal) && l[..l.IndexOf(':', StringComparison.Ordinal)].Trim() == name)
        .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
        .FirstOrDefault();

    private static long? MemoryBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? null : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        }
    }
}

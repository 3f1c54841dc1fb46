using System.Globalization;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>Processes below a pid, read from /proc (Linux), so a test can check that none outlives its parent.</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var child) && ParentOf(dir) is { } parent)
            {
                parents[child] = parent;
            }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (child, parent) in parents)
            {
                if (parent == current)
                {
                    found.Add(child);
                    frontier.Enqueue(child);
                }
            }
        }
        return found;
    }

    /// <summary>The AppHost's descendants plus DCP, which detaches from it (<c>dcp start-apiserver --monitor
    /// {pid}</c>), and DCP's own descendants: the dashboard and every service.</summary>
    public static IReadOnlyList<int> OfAppHost(int appHost)
    {
        var monitors = Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var p) ? p : 0, Dir: d))
            .Where(p => p.Pid > 0 && CommandLine(p.Dir).Contains($"--monitor {appHost.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal))
            .Select(p => p.Pid)
            .ToList();
        return [.. Descendants(appHost).Concat(monitors).Concat(monitors.SelectMany(Descendants)).Distinct()];
    }

    public static long ResidentBytes(IEnumerable<int> pids) => pids.Sum(pid =>
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    });

    public static async Task WaitUntilGoneAsync(IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (pids.Any(IsRunning) && deadline.Elapsed < timeout)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static string CommandLine(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int? ParentOf(string dir)
    {
        try
        {
            // Fields after the parenthesised command name: state, ppid, …
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdgeAspire.Hosting.Local;

/// <summary>Graceful stop first (SIGTERM lets ASP.NET Core drain and flush telemetry), then the whole tree.</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    public static async Task StopAsync(Process process, TimeSpan timeout)
    {
        if (HasExited(process))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
        }
        else
        {
            _ = Kill(process.Id, SigTerm);
        }
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

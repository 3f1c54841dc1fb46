using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.ServiceDefaults.Lifetime;

/// <summary>
/// Stops the service when the process that started it is gone. The AppHost names itself in
/// <c>EDGEASPIRE_PARENT_PID</c>: Linux sends a child nothing when its parent is killed with SIGKILL, and a service
/// left behind keeps its port and its model's memory. Checked every second: the parent is gone once this process's
/// parent id is no longer it (the orphan was handed to init or a subreaper), or, where <c>/proc</c> is missing, once
/// no process has its id.
/// </summary>
internal sealed partial class ParentProcessWatch(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatch> logger)
    : BackgroundService
{
    public const string ParentKey = "EDGEASPIRE_PARENT_PID";

    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration[ParentKey], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
        {
            return;
        }
        using var timer = new PeriodicTimer(s_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!IsAlive(parent))
                {
                    ParentGone(logger, parent);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping anyway.
        }
    }

    private static bool IsAlive(int parent)
    {
        if (CurrentParentId() is { } current)
        {
            return current == parent;
        }
        try
        {
            using var process = Process.GetProcessById(parent);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The fourth field of <c>/proc/self/stat</c>, after the parenthesised command name (which may hold
    /// spaces); null where there is no <c>/proc</c>.</summary>
    private static int? CurrentParentId()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The process that started this service ({Parent}) is gone: stopping.")]
    private static partial void ParentGone(ILogger logger, int parent);
}

using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// Ends a publish that failed but left the AppHost waiting. A step that builds container images
/// (<c>--step build-…</c>, or every step when none is named) with Docker stopped logs "Docker daemon is not
/// running" and then waits for it, which under <c>dotnet run</c> (no Aspire CLI to ask the user) is forever. Seen
/// through that log (or the pipeline's own failure), the process ends a few seconds later with one line and exit
/// code 1; a publish runs no child processes to clean up.
/// </summary>
internal sealed class PipelineFailureWatch : ILoggerProvider
{
    /// <summary>The log categories of Aspire's pipeline service and of its container runtimes (Docker, Podman).</summary>
    private static bool IsWatched(string category) => category == "Aspire.Hosting.Publishing.PipelineExecutor" ||
        (category.StartsWith("Aspire.Hosting.Publishing.", StringComparison.Ordinal) && category.EndsWith("ContainerRuntime", StringComparison.Ordinal));

    /// <summary>Long enough for a pipeline that reports its failure and stops by itself, or for the Aspire CLI to
    /// collect the result and stop the AppHost.</summary>
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(5);

    private int _failed;

    public static void AddTo(IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddSingleton<ILoggerProvider, PipelineFailureWatch>();
        }
    }

    public ILogger CreateLogger(string categoryName) => IsWatched(categoryName) ? new FailureLog(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private void OnFailure()
    {
        if (Interlocked.Exchange(ref _failed, 1) == 0)
        {
            // A thread of its own: the stuck pipeline leaves the thread pool and its timers unreliable.
            new Thread(() =>
            {
                Thread.Sleep(s_grace);
                Console.Error.WriteLine(
                    "error: publishing failed (see the log above; steps that build container images need a running Docker, the K3s manifests, --step publish-k3s, need none)");
                Environment.Exit(1);
            }) { IsBackground = true, Name = "publish failure watch" }.Start();
        }
    }

    private sealed class FailureLog(PipelineFailureWatch watch) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                watch.OnFailure();
            }
        }
    }
}

using EdgeAspire.Hosting.Cli;
using EdgeAspire.Hosting.Dashboard;
using EdgeAspire.Hosting.Local;
using EdgeAspire.Hosting.Publishing;

namespace EdgeAspire.Hosting;

/// <summary>A built composition: runs it locally, runs the Evaluator against it, or publishes it (Aspire's
/// <c>DistributedApplication</c>).</summary>
public sealed class EdgeApplication : IAsyncDisposable
{
    private readonly EdgeApplicationBuilder _builder;
    private LocalRunner? _runner;

    internal EdgeApplication(EdgeApplicationBuilder builder) => _builder = builder;

    /// <summary>Parses the AppHost's command line. Bad input does not throw here, so that the composition reads
    /// straight through: it is reported in one line by <see cref="RunAsync"/> (exit code 2).</summary>
    public static EdgeApplicationBuilder CreateBuilder(string[] args, EdgeApplicationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        options ??= new EdgeApplicationOptions();
        try
        {
            DashboardAddress.EnsureValidEnvironment();
            return new(AppHostArguments.Parse(args), options, argumentError: null);
        }
        catch (AppHostUsageException e)
        {
            return new(AppHostArguments.Parse([]), options, e.Message);
        }
    }

    /// <summary>The live state of every resource replica, for the terminal table and a dashboard.</summary>
    public IResourceStateProvider ResourceStates => Runner.States;

    /// <summary>The dashboard the local run serves (traces, logs, metrics, evaluations); null before the start or when
    /// <see cref="EdgeApplicationOptions.DashboardUrl"/> is null.</summary>
    public Uri? DashboardUrl => _runner?.DashboardUrl;

    /// <summary>The local address of a started resource's replica (what its dependents got as <c>services__…</c>).</summary>
    public Uri GetEndpoint(string resourceName, int replica = 0) => Runner.AddressesOf(resourceName)[replica];

    private LocalRunner Runner => _runner ??= new LocalRunner(_builder.Resources, _builder.Options);

    /// <summary>Starts every long-running resource in dependency order and returns once all are healthy.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Runner.StartAsync(cancellationToken);

    public Task StopAsync() => _runner?.StopAsync() ?? Task.CompletedTask;

    /// <summary>Does what the command line asked; returns the process exit code. Errors are one line on stderr.</summary>
    public async Task<int> RunAsync()
    {
        if (_builder.ArgumentError is { } error)
        {
            await System.Console.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            return 2;
        }
        using var shutdown = new ShutdownSignal();
        try
        {
            return _builder.Arguments.Command switch
            {
                AppHostCommand.PublishK3s => K3sPublisher.Publish(_builder.Resources, _builder.Arguments, System.Console.Out),
                AppHostCommand.Evaluate => await Runner.RunEvaluatorAsync(_builder.Arguments.EvaluatorArguments, shutdown.Token).ConfigureAwait(false),
                _ => await Runner.RunUntilStoppedAsync(shutdown.Token).ConfigureAwait(false),
            };
        }
        catch (AppHostUsageException e)
        {
            await System.Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (AppHostFailureException e)
        {
            await System.Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}

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
    private DashboardServer? _dashboard;

    internal EdgeApplication(EdgeApplicationBuilder builder) => _builder = builder;

    /// <summary>Parses the AppHost's command line. Bad input does not throw here, so that the composition reads
    /// straight through: it is reported in one line by <see cref="RunAsync"/> (exit code 2).</summary>
    public static EdgeApplicationBuilder CreateBuilder(string[] args, EdgeApplicationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        options ??= new EdgeApplicationOptions();
        try
        {
            return new(AppHostArguments.Parse(args), options, argumentError: null);
        }
        catch (AppHostUsageException e)
        {
            return new(AppHostArguments.Parse([]), options, e.Message);
        }
    }

    /// <summary>The live state of every resource replica, for the terminal table and a dashboard.</summary>
    public IResourceStateProvider ResourceStates => Runner.States;

    /// <summary>The local address of a started resource's replica (what its dependents got as <c>services__…</c>).</summary>
    public Uri GetEndpoint(string resourceName, int replica = 0) => Runner.AddressesOf(resourceName)[replica];

    /// <summary>The dashboard's address once started; null when <see cref="EdgeApplicationOptions.DashboardUrl"/> is off.</summary>
    public Uri? DashboardUrl => _dashboard?.Url;

    private LocalRunner Runner => _runner ??= new LocalRunner(_builder.Resources, _builder.Options);

    /// <summary>Serves the dashboard, then starts every long-running resource in dependency order and returns once
    /// all are healthy.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await StartDashboardAsync(cancellationToken).ConfigureAwait(false);
        await Runner.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the resources first: they flush their last telemetry to the dashboard as they exit.</summary>
    public async Task StopAsync()
    {
        if (_runner is not null)
        {
            await _runner.StopAsync().ConfigureAwait(false);
        }
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync().ConfigureAwait(false);
            _dashboard = null;
        }
    }

    /// <summary>Before the resources, so that their telemetry has somewhere to go from their first line.</summary>
    private async Task StartDashboardAsync(CancellationToken cancellationToken)
    {
        if (_dashboard is not null || DashboardAddress.Parse(_builder.Options.DashboardUrl) is not { } address)
        {
            return;
        }
        var runner = Runner;
        var resources = new RunnerResourceStates(runner.States, new ProcessUsage(TimeProvider.System));
        _dashboard = await DashboardServer.StartAsync(address, resources, options =>
        {
            options.EvaluatorPath ??= runner.EvaluatorEntryAssembly();
            options.DefaultEvaluationEndpoint ??= runner.EvaluationEndpoint()?.ToString();
        }, cancellationToken).ConfigureAwait(false);
        runner.DashboardUrl = _dashboard.Url;
    }

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
                _ => await RunUntilStoppedAsync(shutdown.Token).ConfigureAwait(false),
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

    private async Task<int> RunUntilStoppedAsync(CancellationToken stop)
    {
        await StartDashboardAsync(stop).ConfigureAwait(false);
        return await Runner.RunUntilStoppedAsync(stop).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}

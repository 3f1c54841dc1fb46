using System.Diagnostics;
using EdgeAspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Cli;
using EdgeAspire.Hosting.Dashboard;
using Spectre.Console;

namespace EdgeAspire.Hosting.Local;

/// <summary>
/// Runs a composition as local processes on loopback: ports and addresses are fixed first, then every resource
/// starts as soon as what it waits for is healthy, and stops in the reverse order.
/// </summary>
internal sealed class LocalRunner
{
    private readonly IReadOnlyList<ProjectResource> _resources;
    private readonly EdgeApplicationOptions _options;
    private readonly ProjectLocator _locator;
    private readonly ConsoleLog _log;
    private readonly List<ReplicaProcess> _replicas = [];
    private readonly Dictionary<ProjectResource, List<Uri>> _addresses = [];
    private DashboardServer? _dashboard;
    private bool _started;

    public LocalRunner(IReadOnlyList<ProjectResource> resources, EdgeApplicationOptions options)
    {
        _resources = resources;
        _options = options;
        _locator = new ProjectLocator(options);
        var width = resources.Count == 0 ? 8 : resources.Max(r => r.Name.Length + (r.Replicas > 1 ? 3 : 0));
        _log = new ConsoleLog(options.Console ?? CreateConsole(), width);
    }

    public ResourceStateStore States { get; } = new();

    /// <summary>The dashboard's address once started; null when it is off.</summary>
    public Uri? DashboardUrl => _dashboard?.Url;

    /// <summary>The addresses of a started resource's replicas.</summary>
    public IReadOnlyList<Uri> AddressesOf(string name) => _addresses.First(a => a.Key.Name == name).Value;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }
        _started = true;
        var ordered = DependencyOrder.Sort(_resources.Where(r => r.Role != ResourceRole.Evaluator).ToList());
        await HubCheck.EnsureReachableAsync(ordered, _options, cancellationToken).ConfigureAwait(false);
        foreach (var resource in ordered)
        {
            _addresses[resource] = resource.HasHttpEndpoint
                ? [.. Enumerable.Range(0, resource.Replicas).Select(i => new Uri($"http://127.0.0.1:{(i == 0 && resource.HttpPort is { } p ? p : FreePort.Next())}"))]
                : [];
        }
        await StartDashboardAsync(cancellationToken).ConfigureAwait(false);
        var byResource = new Dictionary<ProjectResource, List<ReplicaProcess>>();
        foreach (var (resource, index) in ordered.Select((r, i) => (r, i)))
        {
            byResource[resource] = [.. Enumerable.Range(0, resource.Replicas).Select(i => CreateReplica(resource, i, ConsoleLog.ColourOf(index)))];
            _replicas.AddRange(byResource[resource]);
        }
        var healthy = new Dictionary<ProjectResource, Task>();
        foreach (var resource in ordered)
        {
            var dependencies = resource.WaitsFor.Concat(resource.References).Where(healthy.ContainsKey).Select(d => healthy[d]).ToList();
            healthy[resource] = StartWhenReadyAsync(byResource[resource], dependencies);
        }
        try
        {
            await Task.WhenAll(healthy.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AppHostFailureException)
        {
            // The first failure is the one to report, not "a dependency failed" of those waiting on it.
            throw healthy.Values.Select(t => t.Exception?.InnerException).OfType<AppHostFailureException>().First();
        }
    }

    public async Task<int> RunUntilStoppedAsync(CancellationToken stop)
    {
        await StartAsync(stop).ConfigureAwait(false);
        _log.Write(ResourceTable.Render(States.GetSnapshots()));
        var gateway = _resources.FirstOrDefault(r => r.Role == ResourceRole.Gateway);
        // Next to the table and before the endpoint line, which tells a reader (and the tests) that all is up.
        if (DashboardUrl is { } dashboard)
        {
            _log.Note(_options.OtlpEndpoint is { } elsewhere
                ? $"dashboard: {dashboard}   (resources only: the services export telemetry to {elsewhere})"
                : $"dashboard: {dashboard}   (traces, logs, metrics and evaluations of every resource)");
        }
        if (gateway is not null)
        {
            _log.Note($"OpenAI-compatible endpoint: {AddressesOf(gateway.Name)[0]}v1   (Ctrl+C stops everything)");
        }
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _log.Note("stopping…");
        }
        await StopAsync().ConfigureAwait(false);
        return 0;
    }

    public async Task<int> RunEvaluatorAsync(IReadOnlyList<string> arguments, CancellationToken stop)
    {
        var evaluator = _resources.FirstOrDefault(r => r.Role == ResourceRole.Evaluator)
            ?? throw new AppHostUsageException("this composition has no Evaluator (AddEvaluator)");
        await StartAsync(stop).ConfigureAwait(false);
        var target = evaluator.References.First(r => r.HasHttpEndpoint);
        var args = new List<string>(arguments);
        if (!args.Contains("--endpoint"))
        {
            args.AddRange(["--endpoint", new Uri(AddressesOf(target.Name)[0], "v1").ToString()]);
        }
        if (!args.Contains("--model") && !args.Contains("--model-file") && _resources.SelectMany(r => r.Models).FirstOrDefault() is { } model)
        {
            args.AddRange(["--model", model.Id]);
        }
        _log.Note($"evaluator: edgeaspire-eval {string.Join(' ', args)}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(_locator.EntryAssembly(evaluator.Project));
        args.ForEach(start.ArgumentList.Add);
        foreach (var (key, value) in EnvironmentFor(evaluator))
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        try
        {
            await process.WaitForExitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await ProcessSignals.StopAsync(process, _options.StopTimeout).ConfigureAwait(false);
            return 130;
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
        }
        return process.ExitCode;
    }

    public async Task StopAsync()
    {
        // Dependents first, so nothing logs errors about a dependency that went away before it did.
        foreach (var group in _replicas.GroupBy(r => r.Spec.Resource).Reverse().ToList())
        {
            await Task.WhenAll(group.Select(r => r.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
        _replicas.Clear();
        // Last, so the services' final exports still land.
        if (_dashboard is { } dashboard)
        {
            _dashboard = null;
            await dashboard.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartDashboardAsync(CancellationToken cancellationToken)
    {
        if (_options.DashboardUrl is not { } url)
        {
            return;
        }
        var evaluator = _resources.FirstOrDefault(r => r.Role == ResourceRole.Evaluator);
        var gateway = _resources.FirstOrDefault(r => r.Role == ResourceRole.Gateway && _addresses.ContainsKey(r));
        _dashboard = await DashboardServer.StartAsync(url, States,
            evaluator is null ? null : _locator.EntryAssembly(evaluator.Project),
            gateway is null ? null : new Uri(AddressesOf(gateway.Name)[0], "v1").ToString(),
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task StartWhenReadyAsync(List<ReplicaProcess> replicas, List<Task> dependencies)
    {
        await Task.WhenAll(dependencies).ConfigureAwait(false);
        foreach (var replica in replicas)
        {
            replica.Start();
        }
        await Task.WhenAll(replicas.Select(r => r.FirstHealthy)).ConfigureAwait(false);
    }

    private ReplicaProcess CreateReplica(ProjectResource resource, int replica, string colour)
    {
        var name = resource.Replicas > 1 ? $"{resource.Name}-{replica}" : resource.Name;
        var url = resource.HasHttpEndpoint ? _addresses[resource][replica] : null;
        var environment = EnvironmentFor(resource);
        if (url is not null)
        {
            environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        }
        // Per-request logs of the health polls would drown everything else (Aspire's templates do the same).
        environment.TryAdd("Logging__LogLevel__Microsoft.AspNetCore", "Warning");
        environment.TryAdd("Logging__LogLevel__System.Net.Http.HttpClient", "Warning");
        environment.TryAdd("Logging__LogLevel__Yarp", "Warning");
        var spec = new ReplicaSpec(resource, replica, name, url, _locator.EntryAssembly(resource.Project), environment, resource.Arguments, colour);
        States.Add(new ResourceSnapshot(name, resource.Name, replica, resource.Role.ToString(), ResourceState.Waiting, url, null, 0, null, DateTimeOffset.UtcNow,
            environment.GetValueOrDefault("OTEL_SERVICE_NAME")));
        return new ReplicaProcess(spec, States, _log, _options);
    }

    /// <summary>Output to a file or a pipe is plain text (no escape codes, whatever the terminal type says) and not
    /// wrapped at 80 columns.</summary>
    private static IAnsiConsole CreateConsole()
    {
        if (!System.Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        console.Profile.Width = 4096;
        return console;
    }

    private Dictionary<string, string> EnvironmentFor(ProjectResource resource)
    {
        var environment = ResourceEnvironment.Build(resource, r => [.. _addresses[r].Select(u => u.ToString().TrimEnd('/'))]);
        // Services stop themselves when this process is gone, even killed with SIGKILL (ServiceDefaults).
        environment["EDGEASPIRE_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var model in resource.Models.Where(m => m.IsLocalFile))
        {
            environment[$"PromptApi__Models__{model.Id}"] = model.FilePath!;
        }
        if ((_options.OtlpEndpoint ?? DashboardUrl) is { } otlp && !environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"))
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.ToString().TrimEnd('/');
            if (otlp == DashboardUrl)
            {
                DashboardExport.AddSettings(environment);
            }
        }
        return environment;
    }
}

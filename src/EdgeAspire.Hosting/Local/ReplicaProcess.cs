using System.Diagnostics;
using EdgeAspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Cli;

namespace EdgeAspire.Hosting.Local;

/// <summary>
/// One process of a resource, supervised: started, watched until healthy, restarted with a doubling back-off when
/// it exits on its own after having been healthy, stopped gracefully. A process that exits before it was ever
/// healthy fails the start instead: restarting a misconfigured service forever would hide the error.
/// </summary>
internal sealed class ReplicaProcess(ReplicaSpec spec, ResourceStateStore states, ConsoleLog log, EdgeApplicationOptions options) : IAsyncDisposable
{
    private readonly TaskCompletionSource _firstHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Process? _process;
    private Task? _supervision;

    public ReplicaSpec Spec { get; } = spec;

    public Task FirstHealthy => _firstHealthy.Task;

    public void Start() => _supervision = Task.Run(() => SuperviseAsync(_stopping.Token));

    public async Task StopAsync()
    {
        if (_supervision is null || _stopping.IsCancellationRequested)
        {
            return;
        }
        states.Update(Spec.Name, s => s with { State = ResourceState.Stopping });
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_process is { } process)
        {
            await ProcessSignals.StopAsync(process, options.StopTimeout).ConfigureAwait(false);
        }
        try
        {
            await _supervision.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting.
        }
        _firstHealthy.TrySetCanceled();
        states.Update(Spec.Name, s => s with { State = ResourceState.Stopped, LastExitCode = _process is { HasExited: true } p ? p.ExitCode : s.LastExitCode });
        _process?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var crashesInARow = 0;
        while (!stopping.IsCancellationRequested)
        {
            var process = StartProcess();
            var healthy = await WaitHealthyAsync(process, stopping).ConfigureAwait(false);
            if (stopping.IsCancellationRequested)
            {
                return;
            }
            if (!healthy && !_firstHealthy.Task.IsCompleted)
            {
                var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"was not healthy after {options.HealthTimeout.TotalSeconds:0} s";
                states.Update(Spec.Name, s => s with { State = ResourceState.Failed });
                _firstHealthy.TrySetException(new AppHostFailureException($"{Spec.Name} {why} (its log is above)"));
                ProcessSignals.KillTree(process);
                return;
            }
            if (healthy)
            {
                crashesInARow = 0;
                states.Update(Spec.Name, s => s with { State = ResourceState.Running });
                _firstHealthy.TrySetResult();
            }
            await process.WaitForExitAsync(stopping).ConfigureAwait(false);
            // A Ctrl+C reaches the children too; give the AppHost's own handler a moment to say it is stopping.
            await Task.Delay(TimeSpan.FromMilliseconds(200), stopping).ConfigureAwait(false);
            crashesInARow++;
            var delay = TimeSpan.FromTicks(Math.Min(options.MaxRestartDelay.Ticks, options.RestartDelay.Ticks << Math.Min(crashesInARow - 1, 20)));
            var snapshot = states.Update(Spec.Name, s => s with { State = ResourceState.Restarting, Restarts = s.Restarts + 1, LastExitCode = process.ExitCode, ProcessId = null });
            log.Warn($"{Spec.Name} exited with code {process.ExitCode}; restarting it in {delay.TotalSeconds:0.#} s (restart {snapshot.Restarts})");
            await Task.Delay(delay, stopping).ConfigureAwait(false);
        }
    }

    private async Task<bool> WaitHealthyAsync(Process process, CancellationToken stopping)
    {
        if (Spec.Url is not { } url)
        {
            return true;
        }
        var catalogModels = Spec.Resource.Role == ResourceRole.Worker && Spec.Resource.Models.All(m => !m.IsLocalFile) ? Spec.Resource.Models : [];
        if (catalogModels.Count > 0)
        {
            if (!await HealthProbe.WaitAsync(url, HealthProbe.AlivePath, () => process.HasExited, options.HealthTimeout, stopping).ConfigureAwait(false))
            {
                return false;
            }
            foreach (var model in catalogModels)
            {
                log.Note($"{Spec.Name}: fetching {model.Id} through the ModelStore and loading it (the first time takes a while; the store logs its progress)");
                await HealthProbe.WarmUpAsync(url, model, stopping).ConfigureAwait(false);
            }
        }
        return await HealthProbe.WaitAsync(url, HealthProbe.ReadyPath, () => process.HasExited, options.HealthTimeout, stopping).ConfigureAwait(false);
    }

    private Process StartProcess()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Spec.EntryAssembly)!,
        };
        start.ArgumentList.Add(Spec.EntryAssembly);
        foreach (var argument in Spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The AppHost's own port settings would make every child bind the same port.
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");
        foreach (var (key, value) in Spec.Environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        states.Update(Spec.Name, s => s with { State = ResourceState.Starting, ProcessId = process.Id });
        return process;
    }

    private void Forward(string? line)
    {
        if (line is not null)
        {
            log.Line(Spec.Name, Spec.Colour, line);
        }
    }
}

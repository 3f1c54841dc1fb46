using System.Diagnostics;

namespace EdgeAspire.Dashboard.Evaluations;

/// <summary>One Evaluator child process and what it has said so far.</summary>
internal sealed class EvaluationProcess(string id, EvaluationRequest request, DateTimeOffset started, TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private Process? _process;
    private string _progress = "starting";
    private string? _lastStdout;
    private string? _lastStderr;
    private EvaluationRunStatus? _final;

    public void Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Line(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => Line(e.Data, error: true);
        process.Exited += (_, _) => Exited();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            lock (_lock)
            {
                _final = Snapshot(EvaluationState.Failed, $"could not start {start.FileName}: {e.Message}", null);
            }
            return;
        }
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public EvaluationRunStatus Status()
    {
        lock (_lock)
        {
            return _final ?? Snapshot(EvaluationState.Running, null, null);
        }
    }

    public void Dispose()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        _process?.Dispose();
    }

    private void Line(string? line, bool error)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }
        lock (_lock)
        {
            _progress = line.Trim();
            if (error)
            {
                _lastStderr = _progress;
            }
            else
            {
                _lastStdout = _progress;
            }
        }
    }

    private void Exited()
    {
        // Exited can fire before the last output lines are delivered; WaitForExit() drains the redirected streams.
        _process!.WaitForExit();
        var exitCode = _process.ExitCode;
        lock (_lock)
        {
            var summary = ProcessEvaluationLauncher.ParseSummary(_lastStdout);
            var ok = exitCode == 0 && summary?["ok"]?.GetValue<bool>() != false;
            var error = ok ? null : summary?["error"]?.ToString() ?? _lastStderr ?? $"exited with code {exitCode}";
            _final = Snapshot(ok ? EvaluationState.Succeeded : EvaluationState.Failed, error, exitCode) with
            {
                RunId = summary?["run_id"]?.ToString(),
                ReportHtml = summary?["html"]?.ToString() is { Length: > 0 } html ? Path.GetFullPath(html) : null,
                Summary = summary?.ToJsonString(),
            };
        }
    }

    private EvaluationRunStatus Snapshot(EvaluationState state, string? error, int? exitCode) => new(
        id, request, state, started, state == EvaluationState.Running ? null : time.GetUtcNow(), _progress,
        null, null, null, error, exitCode);
}

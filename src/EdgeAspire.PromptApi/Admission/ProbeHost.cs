using System.Diagnostics;
using System.Text;

namespace EdgeAspire.PromptApi.Admission;

/// <summary>
/// One probe child (<see cref="ProbeCommand.HostArgument"/>) that probes file after file, one at a time: starting .NET
/// and llama.cpp costs most of a second, loading a small model and decoding one token a few milliseconds. A file
/// that kills the child is refused and the next probe starts a new one; one that outlasts the timeout has its child
/// killed. Isolation stays what it was: nothing a file does reaches the server. A child idle for
/// <see cref="IdleTime"/> is stopped, so a server that has probed its models does not keep ~100 MB for nothing.
/// </summary>
internal sealed class ProbeHost : IDisposable
{
    public static readonly TimeSpan DefaultIdleTime = TimeSpan.FromSeconds(30);

    // What stderr holds at the end: llama.cpp prints the failed assert there just before it aborts.
    private const int TailLength = 2048;

    private readonly string? _libraryPath;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private readonly Timer _idle;
    private Process? _child;

    public ProbeHost(string? libraryPath, TimeSpan? idleTime = null)
    {
        _libraryPath = libraryPath;
        IdleTime = idleTime ?? DefaultIdleTime;
        _idle = new Timer(_ => StopIfIdle());
    }

    public TimeSpan IdleTime { get; }

    /// <summary>Whether a child is running now (between probes, until it has been idle for <see cref="IdleTime"/>).</summary>
    public bool IsRunning => Volatile.Read(ref _child) is not null;

    /// <summary>Children started so far: one, plus one after each file that killed or hung its predecessor.</summary>
    public int Started { get; private set; }

    /// <returns>Null when the child loaded the file and generated a token; otherwise why the file is refused.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The child could not be started.</exception>
    public async Task<string?> ProbeAsync(string path, TimeSpan timeout)
    {
        if (path.Contains('\n', StringComparison.Ordinal) || path.Contains('\r', StringComparison.Ordinal))
        {
            return "its path contains a line break, which the probe cannot be given";
        }
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            var child = _child ??= Start();
            lock (_stderr)
            {
                _stderr.Clear();
            }
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await child.StandardInput.WriteLineAsync(path.AsMemory(), deadline.Token).ConfigureAwait(false);
                await child.StandardInput.FlushAsync(deadline.Token).ConfigureAwait(false);
                if (await ReadVerdictAsync(child.StandardOutput, deadline.Token).ConfigureAwait(false) is { } verdict)
                {
                    return verdict == ProbeCommand.Survived ? null : $"llama.cpp refused it in a probe process: {verdict}";
                }
            }
            catch (OperationCanceledException)
            {
                Stop();
                return $"llama.cpp did not load it and generate one token within {timeout} (a probe process was stopped)";
            }
            catch (IOException)
            {
                // The child died as the path was written: reported below like any other death.
            }
            await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var (exitCode, message) = (child.ExitCode, LastLine());
            Stop();
            return $"loading it and generating one token ended a probe process with {ProbeProcess.Describe(exitCode)}{(message is null ? "" : $": {message}")}";
        }
        finally
        {
            _idle.Change(IdleTime, Timeout.InfiniteTimeSpan);
            _oneAtATime.Release();
        }
    }

    public void Dispose()
    {
        _idle.Dispose();
        Stop();
        _oneAtATime.Dispose();
    }

    private void StopIfIdle()
    {
        // A probe under way re-arms the timer when it ends.
        try
        {
            if (_oneAtATime.Wait(0))
            {
                try
                {
                    Stop();
                }
                finally
                {
                    _oneAtATime.Release();
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the timer fired.
        }
    }

    private Process Start()
    {
        var child = new Process { StartInfo = ProbeProcess.StartInfo([ProbeCommand.HostArgument], _libraryPath) };
        child.StartInfo.RedirectStandardInput = true;
        child.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
                if (_stderr.Length > TailLength)
                {
                    _stderr.Remove(0, _stderr.Length - TailLength);
                }
            }
        };
        child.Start();
        child.BeginErrorReadLine();
        Started++;
        return child;
    }

    /// <summary>The verdict line; null when stdout ends first (the child died).</summary>
    private static async Task<string?> ReadVerdictAsync(StreamReader output, CancellationToken cancellationToken)
    {
        while (await output.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(ProbeCommand.VerdictPrefix, StringComparison.Ordinal))
            {
                return line[ProbeCommand.VerdictPrefix.Length..];
            }
        }
        return null;
    }

    private string? LastLine()
    {
        lock (_stderr)
        {
            return ProbeProcess.LastLine(_stderr.ToString());
        }
    }

    private void Stop()
    {
        if (_child is not { } child)
        {
            return;
        }
        _child = null;
        try
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        child.Dispose();
    }
}

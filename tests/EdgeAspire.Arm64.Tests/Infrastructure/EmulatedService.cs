using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeAspire.Arm64.Tests.Infrastructure;

/// <summary>A published linux-arm64 service running under qemu (<c>smoke.sh run</c>) on a loopback port.</summary>
public sealed class EmulatedService : IAsyncDisposable
{
    // Emulated start-up JIT-compiles the host and DI on an emulated core: about 12 s on a quiet machine.
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private EmulatedService(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="service"/> with <paramref name="arguments"/> (after <c>--urls</c>) and waits
    /// until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<EmulatedService> StartAsync(string service, string readyPath, params string[] arguments)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Arm64Build.Script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["run", service, "--urls", baseAddress.ToString(), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        var emulated = new EmulatedService(Process.Start(start)!, baseAddress);
        emulated._process.OutputDataReceived += (_, e) => emulated.Append(e.Data);
        emulated._process.ErrorDataReceived += (_, e) => emulated.Append(e.Data);
        emulated._process.BeginOutputReadLine();
        emulated._process.BeginErrorReadLine();
        try
        {
            await emulated.WaitUntilReadyAsync(readyPath);
        }
        catch
        {
            await emulated.DisposeAsync();
            throw;
        }
        return emulated;
    }

    /// <summary>Runs a command-line <paramref name="service"/> (the Evaluator) to its end under emulation.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunToEndAsync(string service, TimeSpan timeout, params string[] arguments) =>
        Arm64Build.RunScriptAsync(timeout, ["run", service, .. arguments]);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(string readyPath)
    {
        var clock = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < s_startTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the emulated service exited with {_process.ExitCode}:\n{Log}");
            }
            try
            {
                using var response = await probe.GetAsync(readyPath, TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"the emulated service did not answer {readyPath} within {s_startTimeout}:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

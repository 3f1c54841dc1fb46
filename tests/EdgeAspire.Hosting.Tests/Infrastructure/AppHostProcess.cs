using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>The built AppHost started as a user would, with its own data folders so it touches nothing of the machine's.</summary>
internal sealed class AppHostProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _home;

    public AppHostProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        _home = Directory.CreateTempSubdirectory("edgeaspire-apphost-").FullName;
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var dll = Path.Combine(SolutionDirectory, "src", "EdgeAspire.AppHost", "bin", configuration, "net10.0", "EdgeAspire.AppHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["XDG_DATA_HOME"] = Path.Combine(_home, "data");
        start.Environment["HOME"] = _home;
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        // What the AppHost's http launch profile sets for `dotnet run`; the dll run directly needs them given.
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment.Remove("HF_ENDPOINT");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => Append(e.Data);
        Process.ErrorDataReceived += (_, e) => Append(e.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public static string SolutionDirectory { get; } = FindSolutionDirectory();

    /// <summary>Runs the AppHost to completion (publish, refusals) within <paramref name="timeout"/>.</summary>
    public static async Task<AppHostProcess> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var apphost = new AppHostProcess(arguments, environment);
        await apphost.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        // The asynchronous readers may still hold the last lines; WaitForExit() without a timeout drains them.
        apphost.Process.WaitForExit();
        return apphost;
    }

    public Process Process { get; }

    /// <summary>Completes when the AppHost prints the gateway's endpoint (everything is healthy).</summary>
    public Task Ready => _ready.Task;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }
        Process.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (line.Contains("OpenAI-compatible endpoint", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindSolutionDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeAspire.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("EdgeAspire.sln not found above the test output");
    }
}

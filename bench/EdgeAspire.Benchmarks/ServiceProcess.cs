using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeAspire.Benchmarks;

/// <summary>One of our services as its own process, as it runs in production.</summary>
internal static class ServiceProcess
{
    /// <summary>The PromptApi serving one model file.</summary>
    public static (Process Server, HttpClient Client) StartPromptApi(string modelPath, string modelId, int threads) =>
        Start("EdgeAspire.PromptApi.dll", "promptapi", $"--PromptApi:Models:{modelId}", modelPath,
            "--PromptApi:Threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--PromptApi:ContextSize", "512");

    /// <summary>Starts <paramref name="dll"/> (beside this assembly) on a free loopback port and waits for its /health.</summary>
    public static (Process Server, HttpClient Client) Start(string dll, string name, params string[] arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, dll), "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default", "Warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var server = Process.Start(start) ?? throw new InvalidOperationException($"could not start the {name}");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"[{name}] {line}"); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        WaitHealthy(client, server, name);
        return (server, client);
    }

    public static void Stop(Process server)
    {
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
        server.Dispose();
    }

    private static void WaitHealthy(HttpClient client, Process server, string name)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the {name} exited with {server.ExitCode}");
            }
            try
            {
                if (client.GetAsync("/health").GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"the {name} did not become healthy within 60 s");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeAspire.Benchmarks;

/// <summary>The PromptApi as its own process, as it runs in production, serving one model file.</summary>
internal static class PromptApiProcess
{
    public static (Process Server, HttpClient Client) Start(string modelPath, string modelId, int threads)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "EdgeAspire.PromptApi.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}", $"--PromptApi:Models:{modelId}", modelPath, "--PromptApi:Threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--PromptApi:ContextSize", "512", "--Logging:LogLevel:Default", "Warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = Process.Start(start) ?? throw new InvalidOperationException("could not start the PromptApi");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"[promptapi] {line}"); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        WaitHealthy(client, server);
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

    private static void WaitHealthy(HttpClient client, Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the PromptApi exited with {server.ExitCode}");
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
        throw new TimeoutException("the PromptApi did not become healthy within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

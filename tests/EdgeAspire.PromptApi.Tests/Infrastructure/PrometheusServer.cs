using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>A real Prometheus server (Debian's <c>prometheus</c> package, or <c>EDGEASPIRE_PROMETHEUS</c>) on a loopback
/// port with its own configuration and data folder, scraping one target every 500 ms.</summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DirectoryInfo folder, Uri address)
    {
        _process = process;
        _folder = folder;
        _http = new HttpClient { BaseAddress = address };
    }

    /// <summary>Skips the test, saying how to install it, when there is no Prometheus binary.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri target, CancellationToken cancellationToken)
    {
        var binary = Environment.GetEnvironmentVariable("EDGEASPIRE_PROMETHEUS") is { Length: > 0 } configured ? configured : "/usr/bin/prometheus";
        if (!File.Exists(binary))
        {
            Assert.Skip($"No Prometheus at {binary}: install Debian's package (apt-get install -y prometheus) or set EDGEASPIRE_PROMETHEUS.");
        }

        var folder = Directory.CreateTempSubdirectory("prometheus-");
        var config = Path.Combine(folder.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 500ms
              scrape_timeout: 400ms
            scrape_configs:
              - job_name: promptapi
                static_configs:
                  - targets: ['{target.Authority}']
            """, cancellationToken);
        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitReadyAsync(cancellationToken);
        return server;
    }

    /// <summary>The instant vector of <paramref name="query"/>, awaited until it has a sample <paramref name="until"/> accepts.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(
        string query, Func<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>, bool> until, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative), cancellationToken));
            var samples = json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
                .Select(r => ((IReadOnlyDictionary<string, string>)r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                    double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
                .ToList();
            if (until(samples))
            {
                return samples;
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with {_process.ExitCode}.");
            }
            try
            {
                using var ready = await _http.GetAsync(new Uri("-/ready", UriKind.Relative), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EdgeAspire.Llama.Gguf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.Benchmarks;

/// <summary>
/// The ModelStore's pull against a plain <c>curl</c> of the same file from the same loopback server:
/// <c>dotnet run -c Release -- download [rounds]</c>. The server serves a synthetic 0.5B-parameter Q8_0 model (about
/// 500 MiB) under the Hub's <c>resolve</c> layout; the store runs as its own process, as in production, and each
/// pull is <c>POST /models/{id}/pull?wait=true</c> (download, sha256 check, move into the cache) then a delete. curl
/// writes the file to the same disk without hashing it. The two alternate pull by pull, order swapped each round.
/// </summary>
internal static class DownloadComparison
{
    private const string ModelId = "bench-download";
    private const string Repo = "bench/qwen2.5-0.5b-GGUF";

    public static async Task RunAsync(int rounds)
    {
        var file = BenchModels.Path(GgufPresets.Qwen25_0_5B, GgmlType.Q8_0);
        var size = new FileInfo(file).Length;
        string sha256;
        await using (var stream = File.OpenRead(file))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
        }
        var work = Directory.CreateTempSubdirectory("edgeaspire-download-bench").FullName;
        await using var hub = await StartFileServerAsync(file);
        var url = new Uri(hub.Urls.First().TrimEnd('/') + $"/{Repo}/resolve/main/model.gguf");
        var (store, client) = ServiceProcess.Start("EdgeAspire.ModelStore.dll", "modelstore",
            "--ModelStore:Endpoint", hub.Urls.First(), "--ModelStore:CachePath", Path.Combine(work, "cache"),
            $"--ModelStore:Catalog:{ModelId}:Repo", Repo, $"--ModelStore:Catalog:{ModelId}:File", "model.gguf",
            $"--ModelStore:Catalog:{ModelId}:Sha256", sha256, $"--ModelStore:Catalog:{ModelId}:Size", size.ToString(CultureInfo.InvariantCulture));
        try
        {
            async Task Pull()
            {
                using var response = await client.PostAsync(new Uri($"/models/{ModelId}/pull?wait=true", UriKind.Relative), null);
                response.EnsureSuccessStatusCode();
                (await client.DeleteAsync(new Uri($"/models/{ModelId}", UriKind.Relative))).EnsureSuccessStatusCode();
            }
            async Task Curl()
            {
                var target = Path.Combine(work, "curl.gguf");
                using var curl = Process.Start(new ProcessStartInfo("curl", ["-sSf", "-o", target, url.ToString()])) ?? throw new InvalidOperationException("curl did not start");
                await curl.WaitForExitAsync();
                if (curl.ExitCode != 0 || new FileInfo(target).Length != size)
                {
                    throw new InvalidOperationException($"curl failed ({curl.ExitCode})");
                }
                File.Delete(target);
            }

            await Curl(); // warm the server, the page cache and the store's first request
            await Pull();
            var (curlTimes, pullTimes) = (new List<double>(), new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                var curlFirst = round % 2 == 0;
                (curlFirst ? curlTimes : pullTimes).Add(await TimeAsync(curlFirst ? Curl : Pull));
                (curlFirst ? pullTimes : curlTimes).Add(await TimeAsync(curlFirst ? Pull : Curl));
            }
            double MegabytesPerSecond(List<double> seconds) => size / 1e6 / seconds.Order().ElementAt(seconds.Count / 2);
            var (curlRate, pullRate) = (MegabytesPerSecond(curlTimes), MegabytesPerSecond(pullTimes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"download {size / 1e6:F0} MB over loopback: curl {curlRate:F0} MB/s, ModelStore pull (sha256 verified) {pullRate:F0} MB/s, pull/curl {pullRate / curlRate:F3} (medians of {rounds})"));
        }
        finally
        {
            ServiceProcess.Stop(store);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A loopback server with the Hub's download layout and <c>Range</c> support.</summary>
    private static async Task<WebApplication> StartFileServerAsync(string file)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{owner}/{name}/resolve/{revision}/{**path}", () => Results.File(file, "application/octet-stream", enableRangeProcessing: true));
        await app.StartAsync();
        return app;
    }

    private static async Task<double> TimeAsync(Func<Task> operation)
    {
        var start = Stopwatch.GetTimestamp();
        await operation();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}

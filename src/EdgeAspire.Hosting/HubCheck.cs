using Microsoft.Extensions.Configuration;

namespace EdgeAspire.Hosting;

/// <summary>
/// Catalog models come from the Hub (through the ModelStore). Without a network the first chat would fail minutes
/// later deep in a worker's log, so the AppHost checks first and names both ways out (DESIGN §9).
/// </summary>
internal static class HubCheck
{
    public static void ExitUnlessReachable(string modelId, IConfiguration configuration)
    {
        if (IsCached(modelId))
        {
            return;
        }
        var hub = configuration["HF_ENDPOINT"] is { Length: > 0 } e ? new Uri(e) : new Uri("https://huggingface.co");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = http.Send(new HttpRequestMessage(HttpMethod.Head, hub));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Before anything has started, so there is nothing to stop: one line, no stack trace.
            Console.Error.WriteLine(
                $"error: cannot reach {hub} to fetch {modelId} ({ex.Message}): serve a local file with --model-file path.gguf (repeatable), or set HF_ENDPOINT to a reachable Hub mirror");
            Environment.Exit(1);
        }
    }

    /// <summary>The ModelStore's default cache already holds it (pulled or imported before).</summary>
    private static bool IsCached(string id) => File.Exists(Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "edgeaspire", "models", id + ".gguf"));
}

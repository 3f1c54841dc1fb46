using EdgeAspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Cli;

namespace EdgeAspire.Hosting.Local;

/// <summary>
/// Catalog models come from the Hub (through the ModelStore). Without a network the first chat would fail minutes
/// later deep in a worker's log, so the AppHost checks first and names both ways out (DESIGN §9).
/// </summary>
internal static class HubCheck
{
    public static async Task EnsureReachableAsync(IReadOnlyList<ProjectResource> resources, EdgeApplicationOptions options, CancellationToken cancellationToken)
    {
        var needed = resources.SelectMany(r => r.Models).Where(m => !m.IsLocalFile && !IsCached(m.Id)).Select(m => m.Id).Distinct().ToList();
        if (!options.CheckHub || needed.Count == 0)
        {
            return;
        }
        var hub = options.HubEndpoint
            ?? (Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } e ? new Uri(e) : new Uri("https://huggingface.co"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, hub), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AppHostFailureException(
                $"cannot reach {hub} to fetch {string.Join(", ", needed)} ({ex.Message}): serve a local file with --model-file path.gguf (repeatable), or set HF_ENDPOINT to a reachable Hub mirror");
        }
    }

    /// <summary>The ModelStore's default cache already holds it (pulled or imported before).</summary>
    private static bool IsCached(string id) => File.Exists(Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "edgeaspire", "models", id + ".gguf"));
}

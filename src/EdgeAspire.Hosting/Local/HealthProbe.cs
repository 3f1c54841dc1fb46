using System.Net.Http.Json;
using EdgeAspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting.Local;

/// <summary>Polls a service's health endpoint (<c>/health</c>: ready, <c>/alive</c>: up), as ServiceDefaults maps them.</summary>
internal static class HealthProbe
{
    public const string ReadyPath = "/health";
    public const string AlivePath = "/alive";

    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private static readonly HttpClient s_warmUpHttp = new() { Timeout = TimeSpan.FromMinutes(60) };

    /// <summary>True once <paramref name="path"/> answers 2xx; false when <paramref name="gaveUp"/> says so first.</summary>
    public static async Task<bool> WaitAsync(Uri baseUrl, string path, Func<bool> gaveUp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var url = new Uri(baseUrl, path);
        while (DateTime.UtcNow < deadline && !gaveUp())
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var response = await s_http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>
    /// A worker that serves only catalog models has none until the first request pulls one, and a worker without a
    /// model is not ready (so the gateway would never route to it): one tiny chat per model makes it fetch the file
    /// through the ModelStore and load it.
    /// </summary>
    public static async Task WarmUpAsync(Uri baseUrl, ModelSpec model, CancellationToken cancellationToken)
    {
        var body = new
        {
            model = model.Id,
            messages = new[] { new { role = "user", content = "Hello" } },
            max_tokens = 1,
        };
        using var response = await s_warmUpHttp.PostAsJsonAsync(new Uri(baseUrl, "/v1/chat/completions"), body, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new Cli.AppHostFailureException($"warming up {model.Id} failed with HTTP {(int)response.StatusCode}: {text.ReplaceLineEndings(" ")}");
        }
    }
}

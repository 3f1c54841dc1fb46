using System.Net.Http.Json;
using System.Text.Json;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>The JSON behind the AppHost dashboard's pages, polled until it shows what a test waits for (telemetry
/// arrives on the exporters' schedule, CPU needs two samples).</summary>
internal static class DashboardApi
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<JsonElement> GetAsync(Uri dashboard, string path) =>
        await s_http.GetFromJsonAsync<JsonElement>(new Uri(dashboard, path), TestContext.Current.CancellationToken);

    public static async Task<JsonElement> WaitForAsync(Uri dashboard, string path, Func<JsonElement, bool> done, string what, int seconds = 30)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        var last = default(JsonElement);
        while (!timeout.IsCancellationRequested)
        {
            using var response = await s_http.GetAsync(new Uri(dashboard, path), TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
                if (done(last))
                {
                    return last;
                }
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"timed out after {seconds} s waiting for {what}; last {path}: {last}");
        return last;
    }
}

using System.Net.Http.Json;
using System.Text.Json;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

internal static class Chat
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>One short chat; returns the status and the parsed body.</summary>
    public static async Task<(int Status, JsonElement Body)> SendAsync(Uri endpoint, string model)
    {
        var request = new
        {
            model,
            messages = new[] { new { role = "user", content = "Once upon a time" } },
            max_tokens = 4,
            temperature = 0,
        };
        using var response = await s_http.PostAsJsonAsync(new Uri(endpoint, "/v1/chat/completions"), request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, body);
    }

    public static async Task<string[]> ModelsAsync(Uri endpoint)
    {
        var body = await s_http.GetFromJsonAsync<JsonElement>(new Uri(endpoint, "/v1/models"), TestContext.Current.CancellationToken);
        return [.. body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
    }
}

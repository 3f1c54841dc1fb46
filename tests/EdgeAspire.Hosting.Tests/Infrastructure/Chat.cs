using System.Net.Http.Json;
using System.Text.Json;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

internal static class Chat
{
    public const string Prompt = "Once upon a time";

    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>One short chat; returns the status and the parsed body. With <paramref name="traceId"/>, it is sent as
    /// the W3C parent of the request, so the services' spans join that trace.</summary>
    public static async Task<(int Status, JsonElement Body)> SendAsync(Uri endpoint, string model, string? traceId = null, int maxTokens = 4)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/v1/chat/completions"))
        {
            Content = JsonContent.Create(new
            {
                model,
                messages = new[] { new { role = "user", content = Prompt } },
                max_tokens = maxTokens,
                temperature = 0,
                // A model may end its answer early; the tests count the tokens.
                ignore_eos = true,
            }),
        };
        if (traceId is not null)
        {
            request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        }
        using var response = await s_http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, body);
    }

    public static async Task<string[]> ModelsAsync(Uri endpoint)
    {
        var body = await s_http.GetFromJsonAsync<JsonElement>(new Uri(endpoint, "/v1/models"), TestContext.Current.CancellationToken);
        return [.. body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
    }
}

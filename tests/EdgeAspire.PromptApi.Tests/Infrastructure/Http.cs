using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>Raw HTTP for what the OpenAI SDK cannot send (bad bodies, legacy completions, llama.cpp extensions).</summary>
public static class Http
{
    public sealed record Reply(HttpStatusCode Status, JsonElement Json, HttpResponseHeaders Headers);

    public static Task<Reply> PostAsync(HttpClient client, string path, object body, CancellationToken cancellationToken) =>
        PostRawAsync(client, path, JsonSerializer.Serialize(body), cancellationToken);

    public static async Task<Reply> PostRawAsync(HttpClient client, string path, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellationToken);
    }

    public static Task<Reply> GetAsync(HttpClient client, string path, CancellationToken cancellationToken) =>
        SendAsync(client, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public static async Task<Reply> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return new Reply(response.StatusCode, json, response.Headers);
        }
    }
}

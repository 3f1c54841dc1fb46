using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeAspire.PromptApi.Api;

/// <summary>OpenAI's streaming format: <c>data: {json}</c> events, flushed one by one, then <c>data: [DONE]</c>.</summary>
internal static class ServerSentEvents
{
    private static readonly byte[] s_prefix = "data: "u8.ToArray();
    private static readonly byte[] s_suffix = "\n\n"u8.ToArray();
    private static readonly byte[] s_done = "data: [DONE]\n\n"u8.ToArray();

    public static void Start(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // reverse proxies must not buffer the stream
    }

    public static async Task WriteAsync<T>(HttpResponse response, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(s_prefix, cancellationToken).ConfigureAwait(false);
        await JsonSerializer.SerializeAsync(response.Body, value, type, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(s_suffix, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task DoneAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(s_done, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>A streaming (SSE) request read event by event; disposing it drops the connection mid-stream, as a
/// client that gives up does.</summary>
public sealed class StreamingRequest : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private StreamingRequest(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpStatusCode Status => _response.StatusCode;

    public static async Task<StreamingRequest> StartAsync(HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return new StreamingRequest(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
    }

    /// <summary>The next event's JSON; null after <c>[DONE]</c> or at the end of the stream.</summary>
    public async Task<JsonElement?> ReadAsync(CancellationToken cancellationToken)
    {
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }
            var data = line["data: ".Length..];
            return data == "[DONE]" ? null : JsonDocument.Parse(data).RootElement.Clone();
        }
        return null;
    }

    /// <summary>Reads until <paramref name="count"/> events carried generated text: the request is then past the
    /// queue and holds a sequence.</summary>
    public async Task ReadContentAsync(int count, CancellationToken cancellationToken)
    {
        for (var seen = 0; seen < count;)
        {
            var chunk = await ReadAsync(cancellationToken) ?? throw new InvalidOperationException($"the stream ended after {seen} content events");
            if (chunk.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 })
            {
                seen++;
            }
        }
    }

    /// <summary>Reads the rest of the stream; true when it ended with <c>[DONE]</c>, false when it was cut.</summary>
    public async Task<bool> ReadToDoneAsync(CancellationToken cancellationToken)
    {
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "data: [DONE]")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every remaining event, and whether the stream ended with <c>[DONE]</c> (false: it was cut).</summary>
    public async Task<(List<JsonElement> Events, bool Done)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var events = new List<JsonElement>();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "data: [DONE]")
            {
                return (events, true);
            }
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }
        return (events, false);
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Text;
using System.Text.Json;

namespace EdgeAspire.Evaluator.Soak;

/// <summary>An answer as the client received it: its id, its text, and whether it was whole.</summary>
internal sealed record SseAnswer(string? Id, string Text, SoakOutcome Outcome, string? Error = null)
{
    /// <summary>Reads an SSE stream of chat or completion chunks. Whole means a finish reason arrived and the stream
    /// ended with <c>data: [DONE]</c>; an error event or a cut is <see cref="SoakOutcome.Incomplete"/>.</summary>
    /// <param name="cutAfter">Stop reading (and drop the connection) after this many chunks; 0 reads to the end.</param>
    public static async Task<SseAnswer> ReadAsync(HttpResponseMessage response, int cutAfter, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? id = null, finish = null;
            var text = new StringBuilder();
            var chunks = 0;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }
                var data = line[5..].Trim();
                if (data == "[DONE]")
                {
                    return finish is null
                        ? new SseAnswer(id, text.ToString(), SoakOutcome.Incomplete, "[DONE] without a finish reason")
                        : new SseAnswer(id, text.ToString(), SoakOutcome.Ok);
                }
                using var chunk = JsonDocument.Parse(data);
                if (chunk.RootElement.TryGetProperty("error", out var error))
                {
                    return new SseAnswer(id, text.ToString(), SoakOutcome.Incomplete, "error event: " + error.GetRawText());
                }
                id ??= IdOf(chunk.RootElement);
                finish ??= Read(chunk.RootElement, text);
                if (++chunks == cutAfter)
                {
                    return new SseAnswer(id, text.ToString(), SoakOutcome.Cancelled);
                }
            }
            return new SseAnswer(id, text.ToString(), SoakOutcome.Incomplete, finish is null ? "stream ended without a finish reason" : "stream ended without [DONE]");
        }
    }

    /// <summary>A non-streamed answer: whole when it has a choice with a finish reason.</summary>
    public static SseAnswer FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder();
        var finish = Read(document.RootElement, text);
        return finish is null
            ? new SseAnswer(IdOf(document.RootElement), text.ToString(), SoakOutcome.Incomplete, "no choice with a finish reason")
            : new SseAnswer(IdOf(document.RootElement), text.ToString(), SoakOutcome.Ok);
    }

    private static string? IdOf(JsonElement root) =>
        root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>Appends the first choice's text (message, delta or completion text); returns its finish reason.</summary>
    private static string? Read(JsonElement root, StringBuilder text)
    {
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return null;
        }
        var choice = choices[0];
        foreach (var holder in new[] { "message", "delta" })
        {
            if (choice.TryGetProperty(holder, out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                text.Append(content.GetString());
            }
        }
        if (choice.TryGetProperty("text", out var completion) && completion.ValueKind == JsonValueKind.String)
        {
            text.Append(completion.GetString());
        }
        return choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
    }
}

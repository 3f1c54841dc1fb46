using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EdgeAspire.Llama.Chat;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.PromptApi;

/// <summary>
/// The conversation on the GenAI span, as the semantic conventions' opt-in <c>gen_ai.input.messages</c> and
/// <c>gen_ai.output.messages</c> (JSON strings of <c>{role, parts: [{type: "text", content}]}</c>), which the Aspire
/// dashboard's GenAI view shows. Prompts and answers are the user's data: recorded only with
/// <see cref="TelemetryOptions.CaptureMessageContent"/>.
/// </summary>
internal static class GenAiMessages
{
    public static void Input(Activity? span, IReadOnlyList<PromptMessage> messages)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("gen_ai.input.messages", Json(writer =>
            {
                foreach (var message in messages)
                {
                    WriteMessage(writer, message.Role, message.Content, finishReason: null);
                }
            }));
        }
    }

    public static void Output(Activity? span, string text, FinishReason reason)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("gen_ai.output.messages", Json(writer => WriteMessage(writer, "assistant", text, Api.ResponseMapping.FinishReason(reason))));
        }
    }

    /// <summary>Passes a stream's updates on and keeps their text for <see cref="Output"/>.</summary>
    public static async IAsyncEnumerable<GenerationUpdate> Collect(IAsyncEnumerable<GenerationUpdate> updates, StringBuilder text)
    {
        await foreach (var update in updates.ConfigureAwait(false))
        {
            text.Append(update.Text);
            yield return update;
        }
    }

    private static string Json(Action<Utf8JsonWriter> writeMessages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writeMessages(writer);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteMessage(Utf8JsonWriter writer, string role, string content, string? finishReason)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteStartArray("parts");
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("content", content);
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (finishReason is not null)
        {
            writer.WriteString("finish_reason", finishReason);
        }
        writer.WriteEndObject();
    }
}

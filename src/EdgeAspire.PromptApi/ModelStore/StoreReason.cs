using System.Text.Json;

namespace EdgeAspire.PromptApi.ModelStore;

/// <summary>
/// The readable reason in what the ModelStore answered: its OpenAI-style error's <c>message</c> (or a failed pull
/// event's), so a client's error message is one sentence, not another error's JSON escaped inside a string.
/// </summary>
internal static class StoreReason
{
    public static string Of(string? answer)
    {
        var text = answer?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return "no detail";
        }
        try
        {
            using var json = JsonDocument.Parse(text);
            return Message(json.RootElement) ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static string? Message(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("error", out var error) => Message(error),
        JsonValueKind.Object when element.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String => message.GetString(),
        JsonValueKind.String => element.GetString(),
        _ => null,
    };
}

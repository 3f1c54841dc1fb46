using System.Text;
using System.Text.Json;
using EdgeAspire.Llama.Chat;
using EdgeAspire.Llama.Chat.Tools;
using EdgeAspire.PromptApi.Api.Contracts;

namespace EdgeAspire.PromptApi.Api;

/// <summary>Chat messages from the wire: roles checked, text parts joined; images and tools are refused clearly.</summary>
internal static class ChatMessages
{
    public static IReadOnlyList<PromptMessage> Parse(List<ChatMessageDto>? messages)
    {
        if (messages is null || messages.Count == 0)
        {
            throw new RequestValidationException("messages", "'messages' must be a non-empty array.");
        }
        var result = new List<PromptMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new RequestValidationException($"messages[{i}]", "A message must be an object.");
            var role = message.Role switch
            {
                "system" or "developer" => "system",
                "user" or "assistant" or "tool" => message.Role,
                null => throw new RequestValidationException($"messages[{i}].role", "'role' is required."),
                _ => throw new RequestValidationException($"messages[{i}].role", $"Role '{message.Role}' is not supported (system, developer, user, assistant, tool)."),
            };
            if (role == "tool" && string.IsNullOrEmpty(message.ToolCallId))
            {
                throw new RequestValidationException($"messages[{i}].tool_call_id", "A 'tool' message needs the 'tool_call_id' of the call it answers.");
            }
            if (message.ToolCalls is { Count: > 0 } && role != "assistant")
            {
                throw new RequestValidationException($"messages[{i}].tool_calls", "Only assistant messages carry 'tool_calls'.");
            }
            result.Add(new PromptMessage(role, Text(message.Content, $"messages[{i}].content"))
            {
                ToolCalls = message.ToolCalls is { Count: > 0 } calls ? [.. calls.Select((c, j) => Call(c, $"messages[{i}].tool_calls[{j}]"))] : null,
                ToolCallId = message.ToolCallId,
            });
        }
        return result;
    }

    private static ToolCall Call(ToolCallDto? call, string param)
    {
        if (call is not { Type: "function" or null, Function.Name: { Length: > 0 } name })
        {
            throw new RequestValidationException(param, "A tool call must be {\"id\",\"type\":\"function\",\"function\":{\"name\",\"arguments\"}}.");
        }
        return new ToolCall(call.Id ?? ToolCall.NewId(), name, call.Function.Arguments ?? "{}");
    }

    private static string Text(JsonElement content, string param)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return JsonText.Read(content, param);
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return "";
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var (index, part) in content.EnumerateArray().Index())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                    {
                        throw new RequestValidationException(param, "Each content part must be an object with a 'type'.");
                    }
                    var kind = JsonText.Read(type, $"{param}[{index}].type");
                    if (kind != "text" || !part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
                    {
                        throw new RequestValidationException(param, $"Content part type '{kind}' is not supported; only text parts are.");
                    }
                    text.Append(JsonText.Read(value, $"{param}[{index}].text"));
                }
                return text.ToString();
            default:
                throw new RequestValidationException(param, "'content' must be a string or an array of text parts.");
        }
    }
}

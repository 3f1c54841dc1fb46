namespace EdgeAspire.Llama.Chat.Tools;

/// <summary>A call the model made: the function's name and its arguments as JSON text (OpenAI's shape).</summary>
public sealed record ToolCall(string Id, string Name, string Arguments)
{
    public static string NewId() => $"call_{Guid.NewGuid():N}"[..29];
}

/// <summary>A model's answer split into its text and the tool calls it made.</summary>
public sealed record ToolCallOutput(string? Content, IReadOnlyList<ToolCall> Calls);

using EdgeAspire.Llama.Chat.Tools;

namespace EdgeAspire.Llama.Chat;

/// <summary>One chat turn: a role (<c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>) and its text; an
/// assistant turn may carry the tool calls it made, a tool turn the id of the call it answers.</summary>
public readonly record struct PromptMessage(string Role, string Content)
{
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    public string? ToolCallId { get; init; }
}

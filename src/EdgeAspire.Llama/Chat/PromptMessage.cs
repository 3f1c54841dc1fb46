namespace EdgeAspire.Llama.Chat;

/// <summary>One chat turn: a role (<c>system</c>, <c>user</c>, <c>assistant</c>) and its text.</summary>
public readonly record struct PromptMessage(string Role, string Content);

using System.Text.Json;

namespace EdgeAspire.Llama.Chat.Tools;

/// <summary>A function the model may call: OpenAI's <c>tools[].function</c>.</summary>
/// <param name="Parameters">A JSON schema of the arguments object; null: no arguments.</param>
public sealed record ToolDefinition(string Name, string? Description, JsonElement? Parameters);

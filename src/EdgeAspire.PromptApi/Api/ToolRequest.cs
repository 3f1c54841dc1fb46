using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAspire.Llama.Chat.Tools;
using EdgeAspire.PromptApi.Api.Contracts;

namespace EdgeAspire.PromptApi.Api;

internal enum ToolChoiceMode
{
    None,
    Auto,
    Required,
    Named,
}

/// <summary>The <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> of a chat request, checked.</summary>
internal sealed partial record ToolRequest(IReadOnlyList<ToolDefinition> Tools, ToolChoiceMode Mode, string? Named, bool Parallel)
{
    public static ToolRequest None { get; } = new([], ToolChoiceMode.None, null, false);

    /// <summary>Whether the model is shown the tools and its answer is read for calls.</summary>
    public bool Active => Tools.Count > 0 && Mode != ToolChoiceMode.None;

    /// <summary>The tools a forced answer may call: all for <c>required</c>, the named one, none otherwise.</summary>
    public IReadOnlyList<ToolDefinition> Forced => Mode switch
    {
        ToolChoiceMode.Required => Tools,
        ToolChoiceMode.Named => [.. Tools.Where(t => t.Name == Named)],
        _ => [],
    };

    /// <summary>Refuses, before any model is loaded, a forced tool whose parameter schema cannot become a grammar.</summary>
    public void CheckSchemas()
    {
        foreach (var (i, tool) in Tools.Index())
        {
            if (Forced.Contains(tool) && tool.Parameters is { } schema)
            {
                ResponseFormats.FromSchema(schema, $"tools[{i}].function.parameters");
            }
        }
    }

    public static ToolRequest Parse(ChatCompletionRequest body)
    {
        var tools = new List<ToolDefinition>();
        foreach (var (i, tool) in (body.Tools ?? []).Index())
        {
            var param = $"tools[{i}]";
            if (tool?.Type != "function")
            {
                throw new RequestValidationException($"{param}.type", $"Tool type '{tool?.Type}' is not supported; only 'function' tools are.");
            }
            var function = tool.Function ?? throw new RequestValidationException($"{param}.function", "'function' is required.");
            if (function.Name is not { } name || !NamePattern().IsMatch(name))
            {
                throw new RequestValidationException($"{param}.function.name", "A function name must be 1 to 64 letters, digits, underscores or dashes.");
            }
            if (tools.Any(t => t.Name == name))
            {
                throw new RequestValidationException($"{param}.function.name", $"Function '{name}' is defined twice.");
            }
            var parameters = function.Parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? (JsonElement?)null : function.Parameters.Clone();
            if (parameters is { ValueKind: not JsonValueKind.Object })
            {
                throw new RequestValidationException($"{param}.function.parameters", "'parameters' must be a JSON schema object.");
            }
            tools.Add(new ToolDefinition(name, function.Description, parameters));
        }
        var (mode, named) = Choice(body.ToolChoice, tools);
        return new ToolRequest(tools, mode, named, body.ParallelToolCalls ?? true);
    }

    private static (ToolChoiceMode, string?) Choice(JsonElement choice, List<ToolDefinition> tools)
    {
        const string Param = "tool_choice";
        switch (choice.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return (tools.Count > 0 ? ToolChoiceMode.Auto : ToolChoiceMode.None, null);
            case JsonValueKind.String:
                var mode = choice.GetString() switch
                {
                    "none" => ToolChoiceMode.None,
                    "auto" => ToolChoiceMode.Auto,
                    "required" => ToolChoiceMode.Required,
                    var other => throw new RequestValidationException(Param, $"'tool_choice' '{other}' is not supported; use none, auto, required or a named function."),
                };
                if (mode == ToolChoiceMode.Required && tools.Count == 0)
                {
                    throw new RequestValidationException(Param, "'tool_choice' 'required' needs 'tools'.");
                }
                return (mode, null);
            case JsonValueKind.Object when choice.TryGetProperty("type", out var type) && type.ValueEquals("function")
                && choice.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
                && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String:
                var wanted = name.GetString()!;
                return tools.Any(t => t.Name == wanted)
                    ? (ToolChoiceMode.Named, wanted)
                    : throw new RequestValidationException(Param, $"'tool_choice' names function '{wanted}', which 'tools' does not define.");
            default:
                throw new RequestValidationException(Param, "'tool_choice' must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":…}}; other forms (allowed_tools, custom) are not supported.");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}

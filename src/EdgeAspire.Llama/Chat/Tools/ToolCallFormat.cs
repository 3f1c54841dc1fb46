using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAspire.Llama.Grammars;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Chat.Tools;

/// <summary>
/// How a model family is shown tools and how it writes calls. llama.cpp's built-in templates take only roles and
/// text, so tool definitions, earlier calls and their results are rendered here into turns the template understands.
/// A template that names its own format (Hermes' <c>&lt;tool_call&gt;</c>, Qwen2.5's, or Llama 3.1's JSON) gets it;
/// any other gets <see cref="Hermes"/>, the documented fallback.
/// </summary>
public abstract class ToolCallFormat
{
    /// <summary>Most calls one forced answer may hold.</summary>
    public const int MaxParallelCalls = 4;

    public static ToolCallFormat Hermes { get; } = new HermesToolFormat();

    public static ToolCallFormat Llama3 { get; } = new Llama3ToolFormat();

    public abstract string Name { get; }

    /// <summary>The format of a model's Jinja template text (null or unrecognised: <see cref="Hermes"/>).</summary>
    public static ToolCallFormat For(string? template) =>
        template is not null && template.Contains("<|start_header_id|>", StringComparison.Ordinal) && !template.Contains("<tool_call>", StringComparison.Ordinal)
            ? Llama3
            : Hermes;

    /// <summary>The messages as plain role/text turns: the tools described in the system turn, calls and results as text.</summary>
    public IReadOnlyList<PromptMessage> Render(IReadOnlyList<PromptMessage> messages, IReadOnlyList<ToolDefinition> tools)
    {
        var turns = new List<PromptMessage>(messages.Count + 1);
        if (tools.Count > 0)
        {
            var description = Describe(tools);
            if (messages.Count > 0 && messages[0].Role == "system")
            {
                turns.Add(new PromptMessage("system", messages[0].Content + "\n\n" + description));
                messages = messages.Skip(1).ToList();
            }
            else
            {
                turns.Add(new PromptMessage("system", description));
            }
        }
        foreach (var message in messages)
        {
            turns.Add(message switch
            {
                { Role: "assistant", ToolCalls.Count: > 0 } => new PromptMessage("assistant", JoinCalls(message.Content, message.ToolCalls)),
                { Role: "tool" } => Result(message.Content),
                _ => new PromptMessage(message.Role, message.Content),
            });
        }
        return turns;
    }

    /// <summary>A grammar that makes the answer one call (or up to <see cref="MaxParallelCalls"/>) of these tools,
    /// arguments matching each tool's parameter schema.</summary>
    /// <exception cref="UnsupportedSchemaException">A parameter schema is outside the supported subset.</exception>
    public Grammar ForcedCalls(IReadOnlyList<ToolDefinition> tools, bool parallel) => JsonGrammar.Build(rules =>
    {
        var alternatives = tools.Select(tool =>
        {
            var arguments = tool.Parameters is { } schema ? new JsonSchemaConverter(rules, schema).Convert($"{tool.Name}-arguments") : rules.Add("no-arguments", "\"{}\"");
            return $"{CallOpening(tool.Name)} {arguments} {GbnfRules.Literal(CallClosing)}";
        });
        var call = rules.Add("call", string.Join(" | ", alternatives));
        return parallel ? $"{call} ( {GbnfRules.Literal(CallSeparator)} {call} ){{0,{MaxParallelCalls - 1}}}" : call;
    });

    /// <summary>Splits generated text into content and calls of known tools; text that only looks like a call stays text.</summary>
    public abstract ToolCallOutput Parse(string text, IReadOnlyCollection<string> toolNames);

    /// <summary>How much of the text generated so far can be streamed as content: the rest may be (the start of) a call.</summary>
    public abstract int StreamableLength(string text);

    protected abstract string Describe(IReadOnlyList<ToolDefinition> tools);

    protected abstract string RenderCall(ToolCall call);

    protected abstract PromptMessage Result(string content);

    /// <summary>GBNF for the text before a call's arguments object.</summary>
    protected abstract string CallOpening(string name);

    protected abstract string CallClosing { get; }

    protected abstract string CallSeparator { get; }

    protected static string ToolJson(ToolDefinition tool) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", tool.Name);
        if (tool.Description is not null)
        {
            writer.WriteString("description", tool.Description);
        }
        writer.WritePropertyName("parameters");
        if (tool.Parameters is { } parameters)
        {
            parameters.WriteTo(writer);
        }
        else
        {
            writer.WriteRawValue("{\"type\":\"object\",\"properties\":{}}");
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>A call as <c>{"name": …, "{argumentsKey}": …}</c>, the arguments inserted as the JSON text they are.</summary>
    protected static string CallJson(ToolCall call, string argumentsKey) =>
        $"{{\"name\": {Json(w => w.WriteStringValue(call.Name))}, \"{argumentsKey}\": {(IsJson(call.Arguments) ? call.Arguments : Json(w => w.WriteStringValue(call.Arguments)))}}}";

    /// <summary>A parsed <c>{"name", argumentsKey}</c> object as a call of a known tool, or null.</summary>
    protected static ToolCall? ReadCall(string json, IReadOnlyCollection<string> toolNames, params string[] argumentsKeys)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !toolNames.Contains(name.GetString()!))
            {
                return null;
            }
            foreach (var key in argumentsKeys)
            {
                if (root.TryGetProperty(key, out var arguments))
                {
                    var text = arguments.ValueKind == JsonValueKind.String ? arguments.GetString()! : Json(arguments.WriteTo);
                    return new ToolCall(ToolCall.NewId(), name.GetString()!, text);
                }
            }
            return new ToolCall(ToolCall.NewId(), name.GetString()!, "{}");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private string JoinCalls(string content, IReadOnlyList<ToolCall> calls)
    {
        var text = new StringBuilder(content);
        foreach (var call in calls)
        {
            text.Append(text.Length > 0 ? CallSeparator : "").Append(RenderCall(call));
        }
        return text.ToString();
    }
}

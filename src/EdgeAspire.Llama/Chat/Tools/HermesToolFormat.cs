using System.Text;
using System.Text.RegularExpressions;
using EdgeAspire.Llama.Grammars;

namespace EdgeAspire.Llama.Chat.Tools;

/// <summary>Hermes 2 Pro / Qwen2.5: tools listed in <c>&lt;tools&gt;</c> in the system turn, each call a JSON object
/// in <c>&lt;tool_call&gt;</c> tags, results in <c>&lt;tool_response&gt;</c> tags of a user turn (as Qwen2.5's own
/// template renders them).</summary>
internal sealed partial class HermesToolFormat : ToolCallFormat
{
    private const string Open = "<tool_call>";

    public override string Name => "hermes";

    protected override string CallClosing => "}\n</tool_call>";

    protected override string CallSeparator => "\n";

    protected override string Describe(IReadOnlyList<ToolDefinition> tools)
    {
        var text = new StringBuilder("# Tools\n\nYou may call one or more functions to assist with the user query.\n\n")
            .Append("You are provided with function signatures within <tools></tools> XML tags:\n<tools>");
        foreach (var tool in tools)
        {
            text.Append('\n').Append(ToolJson(tool));
        }
        return text.Append("\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n")
            .Append("<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>").ToString();
    }

    protected override string RenderCall(ToolCall call) => $"{Open}\n{CallJson(call, "arguments")}\n</tool_call>";

    protected override PromptMessage Result(string content) => new("user", $"<tool_response>\n{content}\n</tool_response>");

    protected override string CallOpening(string name) => GbnfRules.Literal($"{Open}\n{{\"name\": {Json(w => w.WriteStringValue(name))}, \"arguments\": ");

    public override ToolCallOutput Parse(string text, IReadOnlyCollection<string> toolNames)
    {
        var first = text.IndexOf(Open, StringComparison.Ordinal);
        if (first < 0)
        {
            return new ToolCallOutput(text, []);
        }
        var calls = new List<ToolCall>();
        foreach (Match match in CallPattern().Matches(text, first))
        {
            if (ReadCall(match.Groups["json"].Value, toolNames, "arguments", "parameters") is not { } call)
            {
                return new ToolCallOutput(text, []);
            }
            calls.Add(call);
        }
        var content = text[..first].Trim();
        return calls.Count == 0 ? new ToolCallOutput(text, []) : new ToolCallOutput(content.Length == 0 ? null : content, calls);
    }

    public override int StreamableLength(string text)
    {
        var at = text.IndexOf(Open, StringComparison.Ordinal);
        if (at >= 0)
        {
            return at;
        }
        for (var length = Math.Min(Open.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(Open.AsSpan(0, length)))
            {
                return text.Length - length;
            }
        }
        return text.Length;
    }

    /// <summary>A call, its closing tag optional at the very end (a model may stop right after the JSON).</summary>
    [GeneratedRegex(@"<tool_call>\s*(?<json>\{.*?\})\s*(</tool_call>|$)", RegexOptions.Singleline)]
    private static partial Regex CallPattern();
}

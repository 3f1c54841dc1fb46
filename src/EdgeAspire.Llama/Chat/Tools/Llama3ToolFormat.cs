using EdgeAspire.Llama.Grammars;

namespace EdgeAspire.Llama.Chat.Tools;

/// <summary>Llama 3.1+ JSON tool calling: the functions described in the system turn, a call answered as a bare
/// <c>{"name": …, "parameters": …}</c> object (optionally after <c>&lt;|python_tag|&gt;</c>), results in an
/// <c>ipython</c> turn.</summary>
internal sealed class Llama3ToolFormat : ToolCallFormat
{
    private const string PythonTag = "<|python_tag|>";

    public override string Name => "llama3-json";

    protected override string CallClosing => "}";

    protected override string CallSeparator => "\n";

    protected override string Describe(IReadOnlyList<ToolDefinition> tools) =>
        "You have access to the following functions. To call a function, respond only with a JSON object of the form "
        + "{\"name\": function name, \"parameters\": dictionary of argument name and its value}. Do not use variables.\n\n"
        + string.Join("\n\n", tools.Select(ToolJson));

    protected override string RenderCall(ToolCall call) => CallJson(call, "parameters");

    protected override PromptMessage Result(string content) => new("ipython", content);

    protected override string CallOpening(string name) => GbnfRules.Literal($"{{\"name\": {Json(w => w.WriteStringValue(name))}, \"parameters\": ");

    public override ToolCallOutput Parse(string text, IReadOnlyCollection<string> toolNames)
    {
        var body = text.Trim();
        if (body.StartsWith(PythonTag, StringComparison.Ordinal))
        {
            body = body[PythonTag.Length..].Trim();
        }
        if (!body.StartsWith('{'))
        {
            return new ToolCallOutput(text, []);
        }
        var calls = new List<ToolCall>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ReadCall(line, toolNames, "parameters", "arguments") is not { } call)
            {
                return ReadCall(body, toolNames, "parameters", "arguments") is { } whole ? new ToolCallOutput(null, [whole]) : new ToolCallOutput(text, []);
            }
            calls.Add(call);
        }
        return new ToolCallOutput(null, calls);
    }

    public override int StreamableLength(string text)
    {
        var start = text.TrimStart();
        if (start.Length == 0 || start.StartsWith('{') || start.StartsWith(PythonTag, StringComparison.Ordinal) || PythonTag.StartsWith(start, StringComparison.Ordinal))
        {
            return 0;
        }
        return text.Length;
    }
}

using System.Text.Json;
using EdgeAspire.Llama.Chat;
using EdgeAspire.Llama.Chat.Tools;

namespace EdgeAspire.Llama.Tests.Grammars;

/// <summary>Rendering tools into turns a built-in template understands, and reading calls back out of text.</summary>
public sealed class ToolCallFormatTests
{
    private static readonly string[] s_names = ["get_weather"];

    [Theory]
    [InlineData("{% for m in messages %}<|im_start|>{{ m.role }}{% endfor %}{% if tools %}<tool_call>{% endif %}", "hermes")]
    [InlineData("<|start_header_id|>{{ message['role'] }}<|end_header_id|>", "llama3-json")]
    [InlineData("[INST] {{ message['content'] }} [/INST]", "hermes")]
    [InlineData(null, "hermes")]
    public void The_format_follows_the_models_template_and_falls_back_to_hermes(string? template, string format) =>
        Assert.Equal(format, ToolCallFormat.For(template).Name);

    [Fact]
    public void Hermes_reads_calls_and_keeps_the_text_before_them()
    {
        var output = ToolCallFormat.Hermes.Parse("Let me check.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}", s_names);

        Assert.Equal("Let me check.", output.Content);
        Assert.Equal(["{\"city\":\"Paris\"}", "{\"city\":\"Oslo\"}"], output.Calls.Select(c => c.Arguments));
        Assert.All(output.Calls, c => Assert.Equal("get_weather", c.Name));
        Assert.Equal(2, output.Calls.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("<tool_call>{\"name\": \"rm_rf\", \"arguments\": {}}</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"get_weather\", \"arguments\": {</tool_call>")]
    [InlineData("no call here")]
    public void Text_that_is_not_a_call_of_a_known_tool_stays_text(string text)
    {
        var output = ToolCallFormat.Hermes.Parse(text, s_names);

        Assert.Empty(output.Calls);
        Assert.Equal(text, output.Content);
    }

    [Fact]
    public void Llama3_reads_a_bare_json_call_after_the_python_tag()
    {
        var output = ToolCallFormat.Llama3.Parse("<|python_tag|>{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", s_names);

        Assert.Null(output.Content);
        Assert.Equal("{\"city\":\"Paris\"}", Assert.Single(output.Calls).Arguments);
    }

    [Theory]
    [InlineData("Sure. <tool_", 6)]
    [InlineData("Sure. <tool_call>{\"na", 6)]
    [InlineData("Sure.", 5)]
    public void Hermes_streams_only_text_that_cannot_be_the_start_of_a_call(string text, int streamable) =>
        Assert.Equal(streamable, ToolCallFormat.Hermes.StreamableLength(text));

    [Fact]
    public void Tools_calls_and_results_become_plain_turns()
    {
        using var parameters = JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
        var tools = new[] { new ToolDefinition("get_weather", "Weather", parameters.RootElement) };
        var call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
        PromptMessage[] messages =
        [
            new("system", "Be brief."),
            new("user", "Weather?"),
            new("assistant", "") { ToolCalls = [call] },
            new("tool", "21 C") { ToolCallId = "call_1" },
        ];

        var turns = ToolCallFormat.Hermes.Render(messages, tools);

        Assert.Equal(["system", "user", "assistant", "user"], turns.Select(t => t.Role));
        Assert.StartsWith("Be brief.\n\n# Tools", turns[0].Content, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather\",\"parameters\":", turns[0].Content, StringComparison.Ordinal);
        Assert.Equal("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\"}}\n</tool_call>", turns[2].Content);
        Assert.Equal("<tool_response>\n21 C\n</tool_response>", turns[3].Content);
        Assert.Equal("ipython", ToolCallFormat.Llama3.Render(messages, tools)[3].Role);
    }
}

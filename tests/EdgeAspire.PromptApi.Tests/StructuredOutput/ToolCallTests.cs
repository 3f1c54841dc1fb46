#pragma warning disable OPENAI001 // ChatCompletionOptions.Seed: the random-weight model is sampled at temperature 1, reproducibly.
using System.ClientModel;
using System.Text;
using System.Text.Json;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using Json.Schema;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AI = Microsoft.Extensions.AI;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace EdgeAspire.PromptApi.Tests.StructuredOutput;

/// <summary>Function calling end to end: the official OpenAI SDK, and Microsoft.Extensions.AI's function-invocation
/// loop over the OpenAI adapter. The model has random weights: a forced <c>tool_choice</c> is what makes it call.</summary>
public sealed class ToolCallTests(StructuredOutputServer fixture) : IClassFixture<StructuredOutputServer>
{
    private const string WeatherParameters = """
        {"type":"object","additionalProperties":false,"required":["city","unit"],
         "properties":{"city":{"type":"string","maxLength":8},"unit":{"enum":["celsius","fahrenheit"]}}}
        """;

    private static readonly ChatTool s_weather = ChatTool.CreateFunctionTool("get_weather", "Current weather of a city", BinaryData.FromString(WeatherParameters), functionSchemaIsStrict: true);
    private static readonly ChatTool s_time = ChatTool.CreateFunctionTool("get_time", "Current time");

    [Fact]
    public async Task A_named_tool_choice_returns_a_call_whose_arguments_match_the_schema_and_the_result_is_taken_next_turn()
    {
        var options = Options(ChatToolChoice.CreateFunctionChoice("get_weather"));
        List<OpenAI.Chat.ChatMessage> messages = [new UserChatMessage("Weather in Paris?")];

        ChatCompletion completion = await Chat().CompleteChatAsync(messages, options, TestModels.Timeout(120));

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        AssertValid(WeatherParameters, call.FunctionArguments.ToString());

        messages.Add(new AssistantChatMessage(completion.ToolCalls));
        messages.Add(new ToolChatMessage(call.Id, """{"temperature":21}"""));
        ChatCompletion next = await Chat().CompleteChatAsync(messages, new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 8, Tools = { s_weather, s_time } }, TestModels.Timeout(120));
        Assert.True(next.Usage.InputTokenCount > completion.Usage.InputTokenCount, "the call and its result were not part of the next prompt");
    }

    [Fact]
    public async Task Required_tool_choice_streams_tool_call_deltas_in_the_openai_shape()
    {
        var options = Options(ChatToolChoice.CreateRequiredChoice());
        options.AllowParallelToolCalls = false;
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        ChatFinishReason? finish = null;

        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("Weather?")], options, TestModels.Timeout(120)))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                if (part.FunctionName is { } name)
                {
                    names[part.Index] = name;
                }
                arguments.TryAdd(part.Index, new StringBuilder());
                arguments[part.Index].Append(part.FunctionArgumentsUpdate?.ToString());
            }
            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        var (index, tool) = Assert.Single(names);
        Assert.Contains(tool, new[] { "get_weather", "get_time" });
        if (tool == "get_weather")
        {
            AssertValid(WeatherParameters, arguments[index].ToString());
        }
        else
        {
            Assert.Equal("{}", arguments[index].ToString());
        }
    }

    [Fact]
    public async Task Function_invoking_chat_client_calls_the_function_and_sends_its_result_back()
    {
        var calls = new List<(long A, long B)>();
        var add = AIFunctionFactory.Create((long a, long b) =>
        {
            calls.Add((a, b));
            return $"{a} and {b}";
        }, "add", "Adds two numbers");
        using var client = new OpenAIClient(new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.BaseAddress, "/v1") })
            .GetChatClient(TestModels.Synthetic).AsIChatClient()
            .AsBuilder().UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync(
            [new AI.ChatMessage(ChatRole.User, "Add 2 and 3")],
            new ChatOptions { Tools = [add], ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = false, Temperature = 1, Seed = 3, MaxOutputTokens = 300 },
            TestModels.Timeout(180));

        Assert.True(calls.Count > 0, string.Join("\n", response.Messages.Select(m => $"{m.Role}: {string.Join(" | ", m.Contents)}")));
        var requested = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        var results = response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        Assert.Equal(calls.Count, requested.Count);
        Assert.All(requested, c => Assert.Equal("add", c.Name));
        Assert.Equal(requested.Select(c => c.CallId), results.Select(r => r.CallId));
        // The last message is the model's answer to the results, so the tool turn was accepted.
        Assert.Equal(ChatRole.Assistant, response.Messages[^1].Role);
        Assert.DoesNotContain(response.Messages[^1].Contents, c => c is FunctionCallContent);
    }

    private static ChatCompletionOptions Options(ChatToolChoice choice) => new()
    {
        Temperature = 1,
        Seed = 5,
        MaxOutputTokenCount = 300,
        ToolChoice = choice,
        Tools = { s_weather, s_time },
    };

    private static void AssertValid(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(JsonSchema.FromText(schema).Evaluate(document.RootElement).IsValid, json);
    }

    private ChatClient Chat() =>
        new(TestModels.Synthetic, new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.BaseAddress, "/v1") });
}

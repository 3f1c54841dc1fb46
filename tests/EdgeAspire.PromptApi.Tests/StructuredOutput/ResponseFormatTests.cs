#pragma warning disable OPENAI001 // ChatCompletionOptions.Seed: the random-weight model is sampled at temperature 1, reproducibly.
using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using Json.Schema;
using OpenAI;
using OpenAI.Chat;

namespace EdgeAspire.PromptApi.Tests.StructuredOutput;

/// <summary><c>response_format</c> through the OpenAI SDK and raw HTTP, on a random-weight model at temperature 1.</summary>
public sealed class ResponseFormatTests(StructuredOutputServer fixture) : IClassFixture<StructuredOutputServer>
{
    private const string Schema = """
        {"type":"object","additionalProperties":false,"required":["city","days","rain","when"],
         "properties":{"city":{"type":"string","maxLength":10},"days":{"type":"array","items":{"type":"integer"},"maxItems":3},
           "rain":{"anyOf":[{"type":"boolean"},{"type":"null"}]},"when":{"type":"string","format":"date"}}}
        """;

    [Fact]
    public async Task Json_schema_answers_always_validate_against_the_schema()
    {
        var validator = JsonSchema.FromText(Schema);
        var client = Chat();

        foreach (var seed in Enumerable.Range(1, 4))
        {
            var options = new ChatCompletionOptions
            {
                Temperature = 1,
                Seed = seed,
                MaxOutputTokenCount = 300,
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("weather", BinaryData.FromString(Schema), jsonSchemaIsStrict: true),
            };
            ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Weather as JSON")], options, TestModels.Timeout(120));

            Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
            using var answer = JsonDocument.Parse(completion.Content[0].Text);
            Assert.True(validator.Evaluate(answer.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid, completion.Content[0].Text);
        }
    }

    [Fact]
    public async Task Json_object_answers_start_as_an_object_and_parse_when_complete()
    {
        foreach (var seed in Enumerable.Range(1, 3))
        {
            var body = await Post(new { model = TestModels.Synthetic, messages = new[] { new { role = "user", content = "JSON please" } }, temperature = 1, seed, max_tokens = 60, response_format = new { type = "json_object" } });

            var choice = body.RootElement.GetProperty("choices")[0];
            var text = choice.GetProperty("message").GetProperty("content").GetString()!;
            Assert.StartsWith("{", text, StringComparison.Ordinal);
            if (choice.GetProperty("finish_reason").GetString() == "stop")
            {
                Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
            }
        }
    }

    [Theory]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"string","pattern":"^a+$"}}}""", "response_format.json_schema.schema", "'pattern'")]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":{"a":{"oneOf":[{"type":"string"}]}}}}}""", "response_format.json_schema.schema", "'oneOf'")]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"string","format":"email"}}}""", "response_format.json_schema.schema", "'email'")]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x","schema":{"$ref":"#/$defs/a","$defs":{"a":{"$ref":"#/$defs/a"}}}}}""", "response_format.json_schema.schema", "'$ref'")]
    [InlineData("""{"type":"xml"}""", "response_format.type", "'xml'")]
    public async Task A_schema_or_format_outside_the_supported_subset_is_a_400_naming_it(string responseFormat, string param, string named)
    {
        var request = $$"""{"model":"{{TestModels.Synthetic}}","messages":[{"role":"user","content":"hi"}],"max_tokens":4,"response_format":{{responseFormat}}}""";

        using var response = await fixture.Server.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), new StringContent(request, System.Text.Encoding.UTF8, "application/json"), TestModels.Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestModels.Timeout()));
        Assert.Equal(param, error.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Contains(named, error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"logit_bias\":{\"15\":5}", "logit_bias")]
    [InlineData("\"functions\":[{\"name\":\"f\"}]", "functions")]
    [InlineData("\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"f\"}}]", "tools[0].type")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":\"allowed_tools\"}", "tool_choice")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\",\"minimum\":0}}}}}],\"tool_choice\":\"required\"", "tools[0].function.parameters")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"response_format\":{\"type\":\"json_object\"}", "response_format")]
    public async Task Parameters_this_server_does_not_implement_are_refused_by_name(string parameter, string param)
    {
        var request = $$"""{"model":"{{TestModels.Synthetic}}","messages":[{"role":"user","content":"hi"}],"max_tokens":4,{{parameter}}}""";

        using var response = await fixture.Server.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), new StringContent(request, System.Text.Encoding.UTF8, "application/json"), TestModels.Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestModels.Timeout()));
        Assert.Equal(param, error.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    private async Task<JsonDocument> Post(object body)
    {
        using var response = await fixture.Server.Client.PostAsJsonAsync(new Uri("/v1/chat/completions", UriKind.Relative), body, TestModels.Timeout(120));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestModels.Timeout()));
    }

    private ChatClient Chat() =>
        new(TestModels.Synthetic, new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.BaseAddress, "/v1") });
}

using System.Net;
using System.Text;
using System.Text.Json;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Bad requests get the status a client expects and OpenAI's <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed class ErrorTests(ErrorTests.Server fixture) : IClassFixture<ErrorTests.Server>
{
    private const int MaxBody = 64 * 1024;
    private const string Chat = "/v1/chat/completions";
    private const string Completions = "/v1/completions";
    private const string Messages = """ "messages": [{ "role": "user", "content": "Hi" }] """;

    public sealed class Server : IAsyncDisposable
    {
        public PromptApiServer Api { get; } = new(
            new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) },
            new Dictionary<string, string> { ["MaxRequestBodyBytes"] = MaxBody.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        public ValueTask DisposeAsync() => Api.DisposeAsync();
    }

    public static TheoryData<string, string, int, string?, string?> BadRequests => new()
    {
        // path, body, status, param, code
        { Chat, """{ "model": "synthetic", """, 400, null, "invalid_json" },
        { Chat, """{ "model": 3, """ + Messages + "}", 400, "model", "invalid_json" },
        { Chat, """{ "model": "synthetic", "messages": "x" }""", 400, "messages", "invalid_json" },
        { Chat, """{ "model": "synthetic", "temperature": "hot", """ + Messages + "}", 400, "temperature", "invalid_json" },
        { Chat, "{" + Messages + "}", 400, "model", null },
        { Chat, """{ "model": "synthetic" }""", 400, "messages", null },
        { Chat, """{ "model": "synthetic", "messages": [] }""", 400, "messages", null },
        { Chat, """{ "model": "nope", """ + Messages + "}", 404, "model", "model_not_found" },
        { Completions, """{ "model": "nope", "prompt": "Hi" }""", 404, "model", "model_not_found" },
        { Chat, """{ "model": "synthetic", "temperature": 5, """ + Messages + "}", 400, "temperature", null },
        { Chat, """{ "model": "synthetic", "top_p": 2, """ + Messages + "}", 400, "top_p", null },
        { Chat, """{ "model": "synthetic", "n": 3, """ + Messages + "}", 400, "n", null },
        { Chat, """{ "model": "synthetic", "top_logprobs": 2, """ + Messages + "}", 400, "top_logprobs", null },
        { Chat, """{ "model": "synthetic", "logprobs": true, "top_logprobs": 21, """ + Messages + "}", 400, "top_logprobs", null },
        { Chat, """{ "model": "synthetic", "max_tokens": -1, """ + Messages + "}", 400, "max_tokens", null },
        { Chat, """{ "model": "synthetic", "max_completion_tokens": -1, """ + Messages + "}", 400, "max_completion_tokens", null },
        { Chat, """{ "model": "synthetic", "stop": "", """ + Messages + "}", 400, "stop", null },
        { Chat, """{ "model": "synthetic", "stop": ["a", ""], """ + Messages + "}", 400, "stop", null },
        { Chat, """{ "model": "synthetic", "messages": [{ "role": "user", "content": [{ "type": "image_url", "image_url": { "url": "data:image/png;base64,AAAA" } }] }] }""", 400, "messages[0].content", null },
        { Chat, """{ "model": "synthetic", "messages": [{ "role": "tool", "content": "x" }] }""", 400, "messages[0].tool_call_id", null },
        { Completions, """{ "model": "synthetic", "prompt": [1, 99999] }""", 400, "prompt", null },
        { Completions, """{ "model": "synthetic", "prompt": [[1, -1]] }""", 400, "prompt", null },
        { Completions, """{ "model": "synthetic", "prompt": [] }""", 400, "prompt", null },
        { Completions, """{ "model": "synthetic", "prompt": "Hi", "logprobs": 21 }""", 400, "logprobs", null },
        { Completions, """{ "model": "synthetic", "prompt": "Hi", "temperature": -1 }""", 400, "temperature", null },
        { Completions, """{ "model": "synthetic", "prompt": [""" + string.Join(',', Enumerable.Repeat(65, 600)) + "] }", 400, "prompt", "context_length_exceeded" },
        { Chat, """{ "model": "synthetic", "messages": [{ "role": "user", "content": """ + "\"" + new string('a', 5000) + "\"" + " }] }", 400, "messages", "context_length_exceeded" },
        // Lone surrogate escapes: valid JSON, but no UTF-8 text (issue #17).
        { Chat, """{ "model": "synthetic", "messages": [{ "role": "user", "content": "a\ud800b" }] }""", 400, "messages[0].content", "invalid_string" },
        { Chat, """{ "model": "synthetic", "messages": [{ "role": "user", "content": [{ "type": "text", "text": "\udc00" }] }] }""", 400, "messages[0].content[0].text", "invalid_string" },
        { Chat, """{ "model": "synthetic", "stop": "\ud800", """ + Messages + "}", 400, "stop", "invalid_string" },
        { Completions, """{ "model": "synthetic", "prompt": "x\ud800" }""", 400, "prompt", "invalid_string" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_request_gets_its_status_and_an_openai_error_naming_the_parameter(string path, string body, int status, string? param, string? code)
    {
        var reply = await Http.PostRawAsync(fixture.Api.Client, path, body, TestModels.Timeout());

        Assert.Equal((HttpStatusCode)status, reply.Status);
        var error = reply.Json.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(Chat, """{ "model": "synthetic", "temperature": 5, """ + Messages + "}")]
    [InlineData(Completions, """{ "model": "synthetic", "prompt": "Hi", "temperature": 5 }""")]
    public async Task A_bad_sampling_value_is_refused_before_the_model_is_loaded(string path, string body)
    {
        await using var server = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) });

        var reply = await Http.PostRawAsync(server.Client, path, body, TestModels.Timeout());
        var detail = await Http.GetAsync(server.Client, $"/v1/models/{TestModels.Synthetic}", TestModels.Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("temperature", reply.Json.GetProperty("error").GetProperty("param").GetString());
        Assert.False(detail.Json.GetProperty("meta").GetProperty("loaded").GetBoolean());
        Assert.Empty(server.Models.Loaded);
    }

    [Theory]
    [InlineData(Chat, "{ \"model\": \"synthetic\", \"messages\": [{ \"role\": \"user\", \"content\": \"a\xFFb\" }] }")]
    [InlineData(Completions, "{ \"model\": \"synthetic\", \"prompt\": \"a\xC3\" }")]
    public async Task Invalid_utf8_in_the_body_is_400_not_a_server_error(string path, string template)
    {
        // \xFF and a lone \xC3 lead byte are bytes no UTF-8 text contains.
        var bytes = template.Select(c => (byte)c).ToArray();
        using var content = new ByteArrayContent(bytes) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") } };

        var reply = await Http.SendAsync(fixture.Api.Client, new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request_error", reply.Json.GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(Chat, "messages")]
    [InlineData(Completions, "prompt")]
    public async Task A_prompt_too_long_for_the_context_by_its_bytes_alone_is_refused_before_tokenizing(string path, string param)
    {
        // 60,000 bytes: more than the 512-token context times the synthetic vocabulary's longest token (12 bytes).
        var text = new string('a', 60_000);
        object body = path == Chat
            ? new { model = "synthetic", messages = new[] { new { role = "user", content = text } } }
            : new { model = "synthetic", prompt = text };

        var reply = await Http.PostAsync(fixture.Api.Client, path, body, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var error = reply.Json.GetProperty("error");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains("bytes, at least", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_the_size_limit_is_413_with_an_openai_error()
    {
        var body = $$"""{ "model": "synthetic", "prompt": "{{new string('a', MaxBody)}}" }""";

        var reply = await Http.PostRawAsync(fixture.Api.Client, Completions, body, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("request_too_large", reply.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", reply.Json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_flood_of_garbage_never_gets_a_server_error_and_the_server_still_answers()
    {
        var random = new Random(42);
        var bodies = new List<byte[]>();
        for (var i = 0; i < 20; i++)
        {
            var bytes = new byte[random.Next(1, 2000)];
            random.NextBytes(bytes);
            bodies.Add(bytes);
        }
        string[] texts =
        [
            "", "null", "[]", "\"x\"", "42", "{}", "\uFEFF{}", new string('[', 10_000) + new string(']', 10_000),
            "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_001),
            """{ "model": "synthetic", "max_tokens": 1e400, "prompt": "x" }""",
            """{ "model": "synthetic", "temperature": 1e400, "prompt": "x" }""",
            """{ "model": "synthetic", "seed": 99999999999999999999999999, "prompt": "x" }""",
            """{ "model": "synthetic", "prompt": [1e30] }""",
            """{ "model": "synthetic", "prompt": [1.5] }""",
            """{ "model": "synthetic", "prompt": [[]] }""",
            """{ "model": "synthetic", "prompt": [[1], 2] }""",
            """{ "model": "synthetic", "prompt": [1, "x"] }""",
            """{ "model": "synthetic", "prompt": "a\u0000b" }""",
            """{ "model": "synthetic", "prompt": {"x": 1} }""",
            """{ "model": "synthetic", "prompt": "x", "stop": [1] }""",
            """{ "model": "synthetic", "prompt": "x", "stop": {} }""",
            """{ "model": "synthetic", "prompt": "x", "stream_options": 5 }""",
            """{ "model": "synthetic", "prompt": "x", "logprobs": "yes" }""",
            """{ "model": "synthetic", "prompt": "x", "suffix": "y" }""",
            """{ "model": "synthetic", "prompt": ["x", "y"], "stream": true }""",
            """{ "model": "synthetic", "messages": [null] }""",
            """{ "model": "synthetic", "messages": [{}] }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": 5 }] }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": [{ "type": "text" }] }] }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": [5] }] }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": "a\u0000b" }] }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": "x" }], "top_k": -1 }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": "x" }], "repeat_penalty": 0 }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": "x" }], "min_p": 7 }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": "x" }], "frequency_penalty": "NaN" }""",
            """{ "model": "", "messages": [{ "role": "user", "content": "x" }] }""",
            """{ "model": "../../etc/passwd", "messages": [{ "role": "user", "content": "x" }] }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": "x" }], "model": 1 }""",
            """{ "model": "synthetic", "messages": [{ "role": "user", "content": "x" }],, }""",
        ];
        bodies.AddRange(texts.Select(Encoding.UTF8.GetBytes));
        bodies.Add([0xC3, 0x28, 0xA0, 0xA1]); // invalid UTF-8

        var statuses = new List<(string Path, string Body, HttpStatusCode Status, string Text)>();
        foreach (var path in new[] { Chat, Completions })
        {
            foreach (var body in bodies)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await fixture.Api.Client.PostAsync(new Uri(path, UriKind.Relative), content, TestModels.Timeout());
                var text = await response.Content.ReadAsStringAsync(TestModels.Timeout());
                statuses.Add((path, Encoding.UTF8.GetString(body[..Math.Min(body.Length, 120)]), response.StatusCode, text));
            }
        }
        var after = await Http.PostRawAsync(fixture.Api.Client, Completions, """{ "model": "synthetic", "prompt": "Hi", "max_tokens": 2 }""", TestModels.Timeout());

        Assert.All(statuses, s => Assert.True((int)s.Status < 500, $"{s.Path} {s.Body} → {(int)s.Status} {s.Text}"));
        Assert.All(statuses.Where(s => (int)s.Status >= 400), s =>
            Assert.True(JsonDocument.Parse(s.Text).RootElement.GetProperty("error").TryGetProperty("message", out _), $"{s.Path} {s.Body} → {s.Text}"));
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }
}

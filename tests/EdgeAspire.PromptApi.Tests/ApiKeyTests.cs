using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>With <c>PromptApi:ApiKeys</c> set, <c>/v1/*</c> needs a bearer key; the probes never do.</summary>
public sealed class ApiKeyTests
{
    private static PromptApiServer Server(params string[] keys) => new(
        new Dictionary<string, string> { [TestModels.Synthetic] = TestModels.Require(TestModels.Synthetic) },
        keys.Select((key, i) => (key, i)).ToDictionary(k => $"ApiKeys:{k.i}", k => k.key));

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer ")]
    [InlineData("Basic c2VjcmV0LTI=")]
    [InlineData("secret-2")]
    public async Task V1_without_a_valid_bearer_key_is_401_with_an_openai_error(string? authorization)
    {
        await using var server = Server("secret-1", "secret-2");
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var reply = await Http.SendAsync(server.Client, request, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("invalid_api_key", reply.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", reply.Json.GetProperty("error").GetProperty("type").GetString());
        Assert.True(reply.Json.GetProperty("error").TryGetProperty("param", out _));
    }

    [Fact]
    public async Task The_right_key_is_accepted_raw_and_through_the_sdk_and_the_probes_need_none()
    {
        await using var server = Server("secret-1", "secret-2");
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "secret-1");
        ChatClient Sdk(string key) => new(TestModels.Synthetic, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });

        var raw = await Http.SendAsync(server.Client, request, TestModels.Timeout());
        ChatCompletion completion = await Sdk("secret-2").CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 2 }, TestModels.Timeout());
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => Sdk("secret-3").CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 2 }, TestModels.Timeout()));
        using var health = await server.Client.GetAsync(new Uri("/health", UriKind.Relative), TestModels.Timeout());
        using var alive = await server.Client.GetAsync(new Uri("/alive", UriKind.Relative), TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, raw.Status);
        Assert.NotEmpty(completion.Content);
        Assert.Equal(401, refused.Status);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" padded")]
    public void A_blank_key_refuses_to_start_instead_of_leaving_the_api_open(string key)
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Server(key));

        Assert.Contains("PromptApi:ApiKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configured_keys_no_header_is_needed()
    {
        await using var server = Server();

        var reply = await Http.GetAsync(server.Client, "/v1/models", TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }
}

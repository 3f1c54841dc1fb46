using System.ClientModel;
using System.Text;
using EdgeAspire.PromptApi.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Chat completions through the official OpenAI .NET SDK.</summary>
public sealed class ChatCompletionsTests(BothModelsFixture fixture) : IClassFixture<BothModelsFixture>
{
    private static readonly ChatMessage[] s_prompt = [new UserChatMessage("Once upon a time")];

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Completion_has_text_finish_reason_and_usage_and_a_repeated_prompt_is_cached(string model)
    {
        var client = Chat(model);
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 12 };

        ChatCompletion first = await client.CompleteChatAsync(s_prompt, options, TestModels.Timeout());
        ChatCompletion second = await client.CompleteChatAsync(s_prompt, options, TestModels.Timeout());

        Assert.NotEmpty(first.Content[0].Text);
        Assert.Contains(first.FinishReason, new[] { ChatFinishReason.Length, ChatFinishReason.Stop });
        Assert.Equal(model, first.Model);
        Assert.InRange(first.Usage.OutputTokenCount, 1, 12);
        Assert.True(first.Usage.InputTokenCount > 4);
        Assert.Equal(first.Usage.InputTokenCount + first.Usage.OutputTokenCount, first.Usage.TotalTokenCount);
        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
        // Every prompt token but the last (whose logits are needed again) comes from the KV cache.
        Assert.Equal(second.Usage.InputTokenCount - 1, second.Usage.InputTokenDetails.CachedTokenCount);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Streamed_updates_add_up_to_the_non_streamed_text_and_usage_comes_once_at_the_end(string model)
    {
        var client = Chat(model);
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 24 };
        ChatCompletion whole = await client.CompleteChatAsync(s_prompt, options, TestModels.Timeout());

        var text = new StringBuilder();
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in client.CompleteChatStreamingAsync(s_prompt, options, TestModels.Timeout()))
        {
            updates.Add(update);
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.True(updates.Count > 2);
        Assert.Single(updates, u => u.Usage is not null);
        Assert.NotNull(updates[^1].Usage);
        Assert.Equal(whole.Usage.OutputTokenCount, updates[^1].Usage.OutputTokenCount);
        Assert.Equal(whole.Usage.InputTokenCount, updates[^1].Usage.InputTokenCount);
        Assert.Equal(whole.FinishReason, Assert.Single(updates, u => u.FinishReason is not null).FinishReason);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Log_probabilities_come_per_generated_token_with_the_requested_alternatives(string model)
    {
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 8, IncludeLogProbabilities = true, TopLogProbabilityCount = 3 };

        ChatCompletion completion = await Chat(model).CompleteChatAsync(s_prompt, options, TestModels.Timeout());

        Assert.Equal(completion.Usage.OutputTokenCount, completion.ContentTokenLogProbabilities.Count);
        Assert.All(completion.ContentTokenLogProbabilities, token =>
        {
            Assert.InRange(token.LogProbability, float.MinValue, 0);
            Assert.Equal(3, token.TopLogProbabilities.Count);
            // Greedy decoding picks the most likely token.
            Assert.Equal(token.TopLogProbabilities[0].LogProbability, token.LogProbability, 1e-4);
            Assert.True(token.TopLogProbabilities[1].LogProbability <= token.TopLogProbabilities[0].LogProbability);
        });
        Assert.Equal(completion.Content[0].Text, string.Concat(completion.ContentTokenLogProbabilities.Select(t => t.Token)));
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Stop_sequence_cuts_the_text_before_it(string model)
    {
        var client = Chat(model);
        ChatCompletion free = await client.CompleteChatAsync(s_prompt, new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 48 }, TestModels.Timeout());
        var text = free.Content[0].Text;
        Assert.True(text.Length >= 20, $"too little text to pick a stop sequence from: '{text}'");
        var stop = text.Substring(text.Length / 2, 3);

        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 48 };
        options.StopSequences.Add(stop);
        ChatCompletion stopped = await client.CompleteChatAsync(s_prompt, options, TestModels.Timeout());

        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], stopped.Content[0].Text);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Max_completion_tokens_and_max_tokens_end_with_length_after_that_many_tokens(string model)
    {
        ChatCompletion viaSdk = await Chat(model).CompleteChatAsync(s_prompt, new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 5 }, TestModels.Timeout());
        var viaMaxTokens = await Http.PostAsync(fixture.Server.Client, "/v1/chat/completions", new
        {
            model,
            messages = new[] { new { role = "user", content = "Once upon a time" } },
            temperature = 0,
            max_tokens = 6,
            ignore_eos = true,
        }, TestModels.Timeout());

        Assert.Equal(ChatFinishReason.Length, viaSdk.FinishReason);
        Assert.Equal(5, viaSdk.Usage.OutputTokenCount);
        Assert.Equal(System.Net.HttpStatusCode.OK, viaMaxTokens.Status);
        Assert.Equal("length", viaMaxTokens.Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(6, viaMaxTokens.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Same_seed_samples_the_same_text_and_another_seed_does_not(string model)
    {
        var client = Chat(model);
#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK
        ChatCompletionOptions Seeded(long seed) => new() { Temperature = 1.5f, MaxOutputTokenCount = 32, Seed = seed };
#pragma warning restore OPENAI001

        ChatCompletion a = await client.CompleteChatAsync(s_prompt, Seeded(7), TestModels.Timeout());
        ChatCompletion b = await client.CompleteChatAsync(s_prompt, Seeded(7), TestModels.Timeout());
        ChatCompletion c = await client.CompleteChatAsync(s_prompt, Seeded(8), TestModels.Timeout());

        Assert.Equal(a.Content[0].Text, b.Content[0].Text);
        Assert.NotEqual(a.Content[0].Text, c.Content[0].Text);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Top_p_zero_is_accepted_and_keeps_only_the_most_likely_token(string model)
    {
        var client = Chat(model);

        ChatCompletion greedy = await client.CompleteChatAsync(s_prompt, new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 16 }, TestModels.Timeout());
        ChatCompletion topP0 = await client.CompleteChatAsync(s_prompt, new ChatCompletionOptions { Temperature = 1.5f, TopP = 0, MaxOutputTokenCount = 16 }, TestModels.Timeout());

        Assert.Equal(greedy.Content[0].Text, topP0.Content[0].Text);
    }

    private ChatClient Chat(string model)
    {
        TestModels.Require(model);
        return new ChatClient(model, new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.BaseAddress, "/v1") });
    }
}

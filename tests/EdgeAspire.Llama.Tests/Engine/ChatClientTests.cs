using EdgeAspire.Llama.Chat;
using Microsoft.Extensions.AI;

namespace EdgeAspire.Llama.Tests.Engine;

public class ChatClientTests
{
    [Fact]
    public void Model_without_a_template_falls_back_to_chatml()
    {
        var template = ChatTemplate.For(Llama.Model(TestModels.PathOf(TestModels.Stories)));

        Assert.True(template.IsFallback);
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
            template.Apply([new PromptMessage("system", "Be brief."), new PromptMessage("user", "Hi")]));
    }

    [Fact]
    public void Model_template_is_used_when_llama_cpp_knows_it()
    {
        var template = ChatTemplate.For(Llama.Model(TestModels.PathOf(TestModels.Synthetic)));

        Assert.False(template.IsFallback);
        Assert.Contains("Hi", template.Apply([new PromptMessage("user", "Hi")]), StringComparison.Ordinal);
        Assert.Contains("a\0b", template.Apply([new PromptMessage("user", "a\0b")]), StringComparison.Ordinal); // ChatTemplateNulTests
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public async Task Streams_text_then_usage_and_finish_reason(string model)
    {
        using var engine = Llama.Engine(TestModels.PathOf(model));
        using var client = new LlamaChatClient(engine);
        var options = new ChatOptions { MaxOutputTokens = 10 };

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Tell me a story.")], options, TestModels.Timeout()))
        {
            updates.Add(update);
        }
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Tell me a story.")], options, TestModels.Timeout());

        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;
        Assert.Equal(10, usage.OutputTokenCount);
        Assert.True(usage.InputTokenCount > 5);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        Assert.Equal(string.Concat(updates.Select(u => u.Text)), response.Text);
        Assert.Equal(10, response.Usage!.OutputTokenCount);
        Assert.True(response.Usage.CachedInputTokenCount > 0); // the same prompt again reuses the KV cache
        Assert.Equal("llama.cpp", client.GetService<ChatClientMetadata>()!.ProviderName);
    }
}

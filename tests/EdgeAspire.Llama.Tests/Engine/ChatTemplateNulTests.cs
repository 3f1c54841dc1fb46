using EdgeAspire.Llama.Chat;

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>llama.cpp takes chat messages as C strings; a NUL in a message must still reach the prompt, at its place,
/// without changing any other character the client sent.</summary>
public sealed class ChatTemplateNulTests
{
    [Fact]
    public void A_NUL_in_a_message_is_in_the_prompt_at_its_place()
    {
        var template = ChatTemplate.For(Llama.Model(Fixtures.SyntheticModel()));

        var prompt = template.Apply([new PromptMessage("user", "a\0b"), new PromptMessage("assistant", "\0"), new PromptMessage("user", "c")]);

        Assert.Equal(template.Apply([new PromptMessage("user", "aXb"), new PromptMessage("assistant", "X"), new PromptMessage("user", "c")]).Replace('X', '\0'), prompt);
    }

    [Fact]
    public void Noncharacters_the_client_sent_are_kept_beside_NULs()
    {
        var template = ChatTemplate.For(Llama.Model(Fixtures.SyntheticModel()));
        var content = "\uFDD0\0\uFDD1\0\uFFFF";

        var prompt = template.Apply([new PromptMessage("user", content)]);

        Assert.Contains(content, prompt, StringComparison.Ordinal);
        Assert.Equal(2, prompt.Count(c => c == '\0'));
    }
}

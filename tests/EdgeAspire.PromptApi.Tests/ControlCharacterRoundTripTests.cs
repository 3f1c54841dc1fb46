using System.Net;
using EdgeAspire.Llama.Tests;
using EdgeAspire.PromptApi.Tests.Infrastructure;

namespace EdgeAspire.PromptApi.Tests;

/// <summary>Whatever the server returns must be accepted as input on the next turn. A random-weight model samples
/// byte tokens freely, so its replies hold control characters, U+0000 included: every control character is accepted
/// as input, reaches the tokenizer unchanged, and a client that resends its history is never refused.</summary>
public sealed class ControlCharacterRoundTripTests
{
    private const string TinyRandom = "llama-2-tiny-random";

    // Enough that some replies hold control characters on both models (asserted), few enough to take seconds.
    private const int Seeds = 32;

    public static TheoryData<string> RandomWeightModels => [TinyRandom, TestModels.Synthetic];

    private static readonly string s_controls = new([.. Enumerable.Range(0, 0x20).Append(0x7F).Concat(Enumerable.Range(0x80, 0x20)).Select(c => (char)c)]);

    [Theory]
    [MemberData(nameof(RandomWeightModels))]
    public async Task Every_control_character_is_accepted_as_input_and_reaches_the_tokenizer_unchanged(string model)
    {
        await using var server = Server(model);
        var ascii = "x" + new string([.. s_controls.Where(c => c < 0x80)]) + "y";

        var chat = await Http.PostAsync(server.Client, "/v1/chat/completions",
            new { model, messages = new[] { new { role = "user", content = "a" + s_controls + "b" } }, max_tokens = 1 }, TestModels.Timeout());
        var completion = await Http.PostAsync(server.Client, "/v1/completions", new { model, prompt = "a" + s_controls + "b", max_tokens = 1 }, TestModels.Timeout());
        var echoed = await Http.PostAsync(server.Client, "/v1/completions", new { model, prompt = ascii, max_tokens = 0, echo = true, logprobs = 0 }, TestModels.Timeout());

        Assert.Equal(HttpStatusCode.OK, chat.Status);
        Assert.Equal(HttpStatusCode.OK, completion.Status);
        Assert.Equal(HttpStatusCode.OK, echoed.Status);
        // The prompt's tokens, rendered one by one, spell the prompt: no character was dropped or cut at a NUL.
        // (SentencePiece puts a space before the first word: llama.cpp's add_dummy_prefix.)
        var spelled = string.Concat(echoed.Json.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(" " + ascii, spelled);
    }

    [Theory]
    [MemberData(nameof(RandomWeightModels))]
    public async Task Replies_sampled_with_many_seeds_are_accepted_back_as_history(string model)
    {
        await using var server = Server(model);
        using var gate = new SemaphoreSlim(4);

        var turns = await Task.WhenAll(Enumerable.Range(0, Seeds).Select(async seed =>
        {
            await gate.WaitAsync(TestModels.Timeout(300));
            try
            {
                var first = await Http.PostAsync(server.Client, "/v1/chat/completions",
                    new { model, messages = new[] { new { role = "user", content = "tell me a story" } }, temperature = 1.0, seed, max_tokens = 32 }, TestModels.Timeout(300));
                Assert.Equal(HttpStatusCode.OK, first.Status);
                var reply = first.Json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
                var history = new[] { new { role = "user", content = "tell me a story" }, new { role = "assistant", content = reply }, new { role = "user", content = "and then?" } };
                var next = await Http.PostAsync(server.Client, "/v1/chat/completions", new { model, messages = history, max_tokens = 1 }, TestModels.Timeout(300));
                var again = await Http.PostAsync(server.Client, "/v1/completions", new { model, prompt = "tell me a story" + reply, max_tokens = 1 }, TestModels.Timeout(300));
                return (Seed: seed, Reply: reply, Chat: next.Status, Completion: again.Status);
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(turns, t => Assert.True(t.Chat == HttpStatusCode.OK && t.Completion == HttpStatusCode.OK,
            $"seed {t.Seed}: the reply {Escaped(t.Reply)} came back as {(int)t.Chat} (chat) and {(int)t.Completion} (completion)"));
        // The case this guards only happens when some reply holds a control character other than line breaks and tabs.
        Assert.Contains(turns, t => t.Reply.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')));
    }

    private static PromptApiServer Server(string model) => new(new Dictionary<string, string>
    {
        [model] = model == TestModels.Synthetic ? TestModels.Require(model) : Fixtures.RequireSharedModel(TinyRandom + ".gguf"),
    });

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())).Replace("\"", "\\\"", StringComparison.Ordinal) is var s ? $"\"{s}\"" : "";
}

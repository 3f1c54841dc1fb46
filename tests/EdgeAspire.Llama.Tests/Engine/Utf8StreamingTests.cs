using System.Text;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Tests.Engine;

public class Utf8StreamingTests
{
    public static TheoryData<string> Models => ["llama-2-tiny-random", TestModels.Synthetic];

    private static string PathOf(string model) =>
        model == TestModels.Synthetic ? TestModels.PathOf(model) : Fixtures.RequireSharedModel("llama-2-tiny-random.gguf");

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Streamed_pieces_reassemble_exactly_and_never_split_a_character(string model)
    {
        using var engine = Llama.Engine(PathOf(model));
        var text = new StringBuilder();
        var tokens = new List<int>();
        // Random weights wander across the whole vocabulary, byte tokens and multi-byte pieces included.
        await foreach (var update in engine.GenerateAsync(new GenerationRequest
        {
            PromptTokens = engine.Tokenize("Привет 世界 🦙"),
            MaxTokens = 300,
            Sampling = new SamplingOptions { Temperature = 5f, Seed = 42 },
        }, TestModels.Timeout()))
        {
            Assert.False(update.Text.Length > 0 && char.IsHighSurrogate(update.Text[^1]), "a piece ends inside a surrogate pair");
            text.Append(update.Text);
            if (update.Token is { } token)
            {
                tokens.Add(token);
            }
        }

        Assert.Equal(engine.Model.Vocab.Detokenize(tokens.ToArray()), text.ToString());
    }

    [Theory]
    [InlineData("Привет, мир")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji 🦙🚀 and accents é ü ß")]
    public void Multibyte_text_round_trips_through_tokens_and_pieces(string input)
    {
        var vocab = Llama.Model(Fixtures.RequireSharedModel("llama-2-tiny-random.gguf")).Vocab;
        var tokens = vocab.Tokenize(input, addSpecial: false);
        var decoder = new Utf8PieceDecoder();
        var text = new StringBuilder();
        foreach (var token in tokens)
        {
            text.Append(decoder.Push(vocab.TokenBytes(token)));
        }
        text.Append(decoder.Flush());

        if (input.Contains("🦙", StringComparison.Ordinal))
        {
            // Characters outside the vocabulary fall back to byte tokens: each piece alone is not valid UTF-8.
            Assert.Contains(tokens, t => Encoding.UTF8.GetString(vocab.TokenBytes(t)).Contains('\uFFFD', StringComparison.Ordinal));
        }
        Assert.Equal(" " + input, text.ToString()); // SentencePiece prepends a space
    }

    [Fact]
    public void Synthetic_byte_tokens_split_characters_and_the_engine_decoder_reassembles_them()
    {
        var vocab = Llama.Model(TestModels.PathOf(TestModels.Synthetic)).Vocab;
        const string input = "Привет 世界 🦙 é";
        var tokens = vocab.Tokenize(input, addSpecial: false);
        var decoder = new Utf8PieceDecoder();
        var piece = new byte[256];
        var text = new StringBuilder();
        foreach (var token in tokens)
        {
            // As GenerationJob does: the token's piece, then the decoder that holds back incomplete characters.
            var emitted = decoder.Push(piece.AsSpan(0, vocab.TokenToPiece(token, piece)));
            Assert.DoesNotContain('\uFFFD', emitted);
            Assert.False(emitted.Length > 0 && char.IsHighSurrogate(emitted[^1]), "a piece ends inside a surrogate pair");
            text.Append(emitted);
        }
        text.Append(decoder.Flush());

        // The synthetic vocabulary has no non-ASCII pieces: every such character is spelled in byte tokens.
        Assert.Contains(tokens, t => !System.Text.Unicode.Utf8.IsValid(vocab.TokenBytes(t)));
        Assert.Equal(" " + input, text.ToString());
    }
}

namespace EdgeAspire.Llama.Tests.Engine;

/// <summary>llama.cpp's own tokenizer test cases (test-tokenizer-0) on the 32k LLaMA SentencePiece vocabulary.</summary>
public class TokenizerTests
{
    [Fact]
    public void Llama_spm_vocabulary_reproduces_llama_cpp_test_cases()
    {
        var model = Llama.Model(Fixtures.RequireSharedModel("llama-2-tiny-random.gguf"));
        var inputs = File.ReadAllText(Fixtures.RequireSharedModel("vocab/ggml-vocab-llama-spm.gguf.inp"))
            .Split("\n__ggml_vocab_test__\n")[..^1];
        var expected = File.ReadAllLines(Fixtures.RequireSharedModel("vocab/ggml-vocab-llama-spm.gguf.out"));
        Assert.Equal(46, inputs.Length);

        for (var i = 0; i < inputs.Length; i++)
        {
            var ids = expected[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
            Assert.Equal(ids, model.Vocab.Tokenize(inputs[i], addSpecial: false));
        }
    }

    [Fact]
    public void Vocabulary_reports_special_tokens()
    {
        var vocab = Llama.Model(TestModels.PathOf(TestModels.Synthetic)).Vocab;
        Assert.Equal(1, vocab.Bos);
        Assert.Equal(2, vocab.Eos);
        Assert.True(vocab.IsEndOfGeneration(vocab.Eos));
        Assert.False(vocab.IsEndOfGeneration(vocab.Bos));
        Assert.Equal(vocab.Bos, vocab.Tokenize("hello")[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => vocab.TokenBytes(vocab.Count));
    }
}

using System.Text;
using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Llama;

/// <summary>The tokenizer of a model. Token ids are checked here, in managed code: an out-of-range id would make
/// llama.cpp read out of bounds.</summary>
public sealed class LlamaVocab
{
    private readonly nint _vocab;
    private readonly SafeLlamaModelHandle _owner;

    internal LlamaVocab(nint vocab, SafeLlamaModelHandle owner)
    {
        _vocab = vocab;
        _owner = owner;
        Count = Interop.Interop.Llama.VocabTokenCount(vocab);
        Bos = Interop.Interop.Llama.VocabBos(vocab);
        Eos = Interop.Interop.Llama.VocabEos(vocab);
        AddsBos = Interop.Interop.Llama.VocabGetAddBos(vocab);
    }

    public int Count { get; }

    private byte[][]? _pieces;

    /// <summary>Every token's text bytes (special tokens as empty), made once per model on first use.</summary>
    internal byte[][] Pieces => LazyInitializer.EnsureInitialized(ref _pieces, () =>
    {
        var pieces = new byte[Count][];
        Span<byte> buffer = stackalloc byte[256];
        for (var token = 0; token < Count; token++)
        {
            var n = TokenToPiece(token, buffer);
            pieces[token] = n >= 0 ? buffer[..n].ToArray() : TokenBytes(token);
        }
        return pieces;
    });

    /// <summary>The native vocabulary, valid while the model is loaded.</summary>
    internal nint Pointer => _vocab;

    public int Bos { get; }

    public int Eos { get; }

    /// <summary>Whether tokenizing with special tokens prepends BOS.</summary>
    public bool AddsBos { get; }

    public bool IsValid(int token) => (uint)token < (uint)Count;

    public bool IsEndOfGeneration(int token) => IsValid(token) && Interop.Interop.Llama.VocabIsEog(_vocab, token);

    /// <param name="addSpecial">Add BOS/EOS as the model's metadata asks (true for the start of a prompt).</param>
    /// <param name="parseSpecial">Turn special-token text such as <c>&lt;|im_start|&gt;</c> into its token
    /// (true for text produced by a chat template; false for user text).</param>
    public unsafe int[] Tokenize(string text, bool addSpecial = true, bool parseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length + 2];
        fixed (byte* b = bytes)
        {
            while (true)
            {
                int n;
                fixed (int* t = tokens)
                {
                    using var keepAlive = new SafeHandleLease(_owner);
                    n = Interop.Interop.Llama.Tokenize(_vocab, b, bytes.Length, t, tokens.Length, addSpecial, parseSpecial);
                }
                if (n >= 0)
                {
                    return n == tokens.Length ? tokens : tokens[..n];
                }
                if (n == int.MinValue)
                {
                    throw new LlamaRuntimeException("The text tokenizes to more than 2^31 tokens.");
                }
                tokens = new int[-n];
            }
        }
    }

    /// <summary>Writes the bytes of a token's text; a piece may be part of a UTF-8 character.</summary>
    /// <returns>The number of bytes, or minus the size needed when <paramref name="destination"/> is too small.</returns>
    public unsafe int TokenToPiece(int token, Span<byte> destination, bool renderSpecial = false)
    {
        ThrowIfInvalid(token);
        fixed (byte* d = destination)
        {
            using var keepAlive = new SafeHandleLease(_owner);
            return Interop.Interop.Llama.TokenToPiece(_vocab, token, d, destination.Length, 0, renderSpecial);
        }
    }

    public byte[] TokenBytes(int token, bool renderSpecial = false)
    {
        Span<byte> buffer = stackalloc byte[64];
        var n = TokenToPiece(token, buffer, renderSpecial);
        if (n >= 0)
        {
            return buffer[..n].ToArray();
        }
        var large = new byte[-n];
        n = TokenToPiece(token, large, renderSpecial);
        return large[..n];
    }

    /// <summary>Text of a token sequence, decoding UTF-8 across token boundaries.</summary>
    public string Detokenize(ReadOnlySpan<int> tokens, bool renderSpecial = false)
    {
        using var bytes = new MemoryStream();
        foreach (var token in tokens)
        {
            bytes.Write(TokenBytes(token, renderSpecial));
        }
        return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    public void ThrowIfInvalid(int token)
    {
        if (!IsValid(token))
        {
            throw new ArgumentOutOfRangeException(nameof(token), token, $"Token id {token} is outside the vocabulary (0..{Count - 1}).");
        }
    }
}

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// A SentencePiece-style ("llama") vocabulary of any size: &lt;unk&gt; &lt;s&gt; &lt;/s&gt;, the 256 byte tokens
/// (so any text tokenizes, by byte fallback if nothing else), English word pieces, unique filler pieces, and
/// ChatML's two control tokens last so the chat template's markers are single tokens.
/// </summary>
internal sealed class SyntheticVocabulary
{
    public const int UnknownId = 0;
    public const int BosId = 1;
    public const int EosId = 2;
    public const int MinimumSize = 3 + 256 + 2 + 1;

    public const string ImStart = "<|im_start|>";
    public const string ImEnd = "<|im_end|>";
    public const string EndOfText = "<|endoftext|>";

    // llama_token_type values in llama.h / gguf-py TokenType.
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int ByteToken = 6;

    // SentencePiece marks a preceding space with U+2581.
    private const char Space = '\u2581';

    private static readonly string[] s_words =
    [
        "the", "a", "and", "to", "of", "in", "is", "it", "was", "for", "on", "that", "with", "he", "she", "they",
        "you", "I", "his", "her", "be", "at", "as", "had", "have", "not", "are", "but", "one", "day", "said", "will",
        "can", "there", "time", "this", "from", "all", "we", "so", "up", "out", "what", "were", "do", "go", "like",
        "little", "big", "Once", "upon", "happy", "friend", "play", "saw", "very", "wanted", "mom", "dog", "cat",
        "tree", "ball", "sun", "red", "The", "Hello", "Yes", "No", "model", "edge", "node", "fast", "small",
    ];

    private static readonly string[] s_pieces =
    [
        "er", "in", "on", "an", "re", "ed", "ing", "th", "he", "at", "en", "es", "or", "ly", "ll", "st", "ar", "ou",
        "le", "it", "is", "al", "nd", "ion", "ent", "ay", "ow", "ver", "ter",
    ];

    private SyntheticVocabulary(string[] tokens, float[] scores, int[] types)
    {
        Tokens = tokens;
        Scores = scores;
        TokenTypes = types;
    }

    public string[] Tokens { get; }

    public float[] Scores { get; }

    public int[] TokenTypes { get; }

    public int ImStartId => Tokens.Length - 2;

    public int ImEndId => Tokens.Length - 1;

    /// <param name="withEndOfText">Add <see cref="EndOfText"/> as a control token before ChatML's, in the place of the
    /// last word or filler piece (the size stays <paramref name="size"/>).</param>
    public static SyntheticVocabulary Create(int size, bool withEndOfText = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinimumSize);
        var tokens = new List<string>(size) { "<unk>", "<s>", "</s>" };
        var types = new List<int>(size) { Unknown, Control, Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(ByteToken);
        }

        var normalCount = size - tokens.Count - 2 - (withEndOfText ? 1 : 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var piece in WordPieces().Where(seen.Add).Take(normalCount))
        {
            tokens.Add(piece);
            types.Add(Normal);
        }
        if (withEndOfText)
        {
            tokens.Add(EndOfText);
            types.Add(Control);
        }
        tokens.Add(ImStart);
        tokens.Add(ImEnd);
        types.Add(Control);
        types.Add(Control);

        // SentencePiece scores rank pieces: earlier (more frequent) pieces merge first. Specials and bytes score 0.
        var scores = new float[size];
        for (var i = 0; i < size; i++)
        {
            scores[i] = types[i] == Normal ? -(i - 258) : 0f;
        }
        return new SyntheticVocabulary([.. tokens], scores, [.. types]);
    }

    private static IEnumerable<string> WordPieces()
    {
        yield return Space.ToString();
        foreach (var word in s_words)
        {
            yield return Space + word;
        }
        foreach (var piece in s_pieces)
        {
            yield return piece;
        }
        for (var c = 'a'; c <= 'z'; c++)
        {
            yield return c.ToString();
            yield return Space + c.ToString();
        }
        for (var c = 'A'; c <= 'Z'; c++)
        {
            yield return c.ToString();
        }
        foreach (var c in "0123456789.,!?'\"-:;()")
        {
            yield return c.ToString();
        }
        // Filler: unique strings no English text produces, so they never win a merge over the pieces above.
        for (var i = 0; ; i++)
        {
            yield return $"{Space}zq{i}";
        }
    }
}

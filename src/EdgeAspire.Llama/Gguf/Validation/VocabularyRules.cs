namespace EdgeAspire.Llama.Gguf.Validation;

/// <summary>
/// The vocabulary checks llama.cpp makes too late to survive them (llama-vocab.cpp <c>load</c> and the tokenizers):
/// it asserts that token texts are unique after reading each one as a C string (a NUL cuts it short) and after
/// renaming an empty one "[EMPTY_i]"; its SentencePiece tokenizer falls back to <c>&lt;0xXX&gt;</c> byte tokens
/// with an unchecked lookup; and it asserts that a BOS or EOS token exists when the vocabulary adds one.
/// </summary>
internal static class VocabularyRules
{
    private const string SentencePiece = "llama";

    /// <returns>The number of tokens, which the embedding and output matrices must match.</returns>
    public static int Check(GgufMetadata metadata, string architecture)
    {
        var tokenizer = TokenizerModel(metadata, architecture);
        var tokens = metadata.TryGetArray<string>(GgufKeys.Tokens, out var texts) ? texts : null;
        ModelFileProblem.Require(tokens is not null, $"'{GgufKeys.Tokens}' is missing or not an array of strings");
        ModelFileProblem.Require(tokens.Length > 0, $"'{GgufKeys.Tokens}' is empty");
        CheckTexts(tokens);
        CheckParallelArray(metadata, GgufKeys.Scores, tokens.Length, GgufValueType.F32, GgufValueType.I32);
        CheckParallelArray(metadata, GgufKeys.TokenType, tokens.Length, GgufValueType.I32);
        if (tokenizer == SentencePiece)
        {
            CheckByteTokens(tokens);
        }
        CheckSpecialToken(metadata, tokenizer, tokens.Length, GgufKeys.AddBosToken, GgufKeys.BosTokenId, addsByDefault: true, defaultId: 1);
        CheckSpecialToken(metadata, tokenizer, tokens.Length, GgufKeys.AddEosToken, GgufKeys.EosTokenId, addsByDefault: false, defaultId: 2);
        return tokens.Length;
    }

    private static string TokenizerModel(GgufMetadata metadata, string architecture)
    {
        ModelFileProblem.Require(metadata.TryGetString(GgufKeys.TokenizerModel, out var tokenizer), $"'{GgufKeys.TokenizerModel}' is missing");
        var supported = SupportedArchitectures.TokenizersOf(architecture)!;
        ModelFileProblem.Require(supported.Contains(tokenizer),
            $"tokenizer '{tokenizer}' is not one a '{architecture}' model uses ({string.Join(", ", supported)})");
        return tokenizer;
    }

    private static void CheckTexts(string[] tokens)
    {
        var seen = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        var anyText = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            ModelFileProblem.Require(!tokens[i].Contains('\0', StringComparison.Ordinal), $"token {i} contains a NUL character");
            anyText |= tokens[i].Length > 0;
            var text = tokens[i].Length == 0 ? $"[EMPTY_{i}]" : tokens[i];
            ModelFileProblem.Require(seen.TryAdd(text, i), $"token {i} '{Printable(text)}' repeats token {seen.GetValueOrDefault(text)}");
        }
        ModelFileProblem.Require(anyText, "every token is an empty string");
    }

    private static void CheckParallelArray(GgufMetadata metadata, string key, int tokenCount, params GgufValueType[] types)
    {
        if (!metadata.TryGetValue(key, out var value))
        {
            return;
        }
        var array = value.Value as GgufArray;
        ModelFileProblem.Require(array is not null && types.Contains(array.ElementType), $"'{key}' is not an array of {string.Join(" or ", types)}");
        ModelFileProblem.Require(array.Count >= tokenCount, $"'{key}' has {array.Count} entries for {tokenCount} tokens");
    }

    private static void CheckByteTokens(string[] tokens)
    {
        var texts = new HashSet<string>(tokens, StringComparer.Ordinal);
        for (var b = 0; b < 256; b++)
        {
            // byte_to_token tries "<0xXX>", then the byte itself as a one-character string.
            ModelFileProblem.Require(texts.Contains($"<0x{b:X2}>") || (b < 0x80 && texts.Contains(((char)b).ToString())),
                $"the SentencePiece vocabulary has no token for byte 0x{b:X2} (<0x{b:X2}>), which tokenizing unknown text needs");
        }
    }

    private static void CheckSpecialToken(GgufMetadata metadata, string tokenizer, int tokenCount, string addKey, string idKey, bool addsByDefault, int defaultId)
    {
        // SentencePiece adds BOS by default; a BPE vocabulary's default depends on its pre-tokenizer, so without
        // the key it is assumed to add one too.
        var adds = metadata.TryGetBool(addKey, out var explicitly) ? explicitly : addsByDefault;
        if (!adds)
        {
            return;
        }
        var hasId = metadata.TryGetInt64(idKey, out var id) && id >= 0 && id < tokenCount;
        var hasDefault = tokenizer == SentencePiece && defaultId < tokenCount;
        ModelFileProblem.Require(hasId || hasDefault,
            $"the vocabulary adds a token from '{idKey}', which is {(metadata.ContainsKey(idKey) ? "outside the vocabulary" : "missing")}");
    }

    private static string Printable(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

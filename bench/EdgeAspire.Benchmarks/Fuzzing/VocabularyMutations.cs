using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>Changes to the vocabulary: token texts, the lengths and types of the parallel arrays, token types,
/// special token ids and BPE merges.</summary>
internal static class VocabularyMutations
{
    private static readonly string[] s_specialIds = [GgufKeys.BosTokenId, GgufKeys.EosTokenId, GgufKeys.UnknownTokenId, GgufKeys.EotTokenId,
        "tokenizer.ggml.padding_token_id", "tokenizer.ggml.seperator_token_id", "tokenizer.ggml.eom_token_id"];

    public static IReadOnlyList<(string Name, Func<Random, GgufDraft, string?> Apply)> All { get; } =
    [
        ("token-text", TokenText),
        ("token-count", TokenCount),
        ("parallel-array", ParallelArray),
        ("token-type", TokenType),
        ("special-id", SpecialId),
        ("merges", Merges),
    ];

    private static string? TokenText(Random random, GgufDraft draft)
    {
        if (Tokens(draft) is not { Length: > 0 } tokens)
        {
            return null;
        }
        var index = random.Next(tokens.Length);
        tokens[index] = random.Next(8) switch
        {
            0 => "",
            1 => tokens[random.Next(tokens.Length)],
            2 => "a\0b",
            3 => new string('y', random.Next(256, 70_000)),
            4 => $"<0x{random.Next(256):X2}>",
            5 => "<|im_start|>",
            6 => string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => (char)random.Next(1, 0xD7FF))),
            _ => FuzzValues.Text(random),
        };
        SetTokens(draft, tokens);
        return $"token {index} = \"{(tokens[index].Length > 16 ? tokens[index][..16] + "…" : tokens[index])}\"";
    }

    private static string? TokenCount(Random random, GgufDraft draft)
    {
        if (Tokens(draft) is not { } tokens)
        {
            return null;
        }
        var count = random.Next(5) switch
        {
            0 => 0,
            1 => 1,
            2 => tokens.Length / 2,
            3 => tokens.Length - 1,
            _ => tokens.Length + random.Next(1, 100),
        };
        SetTokens(draft, [.. tokens.Take(count), .. Enumerable.Range(tokens.Length, Math.Max(0, count - tokens.Length)).Select(i => $"extra{i}")]);
        return $"{count} tokens of {tokens.Length}";
    }

    /// <summary>The scores or token types cut short, lengthened, emptied, or of another element type.</summary>
    private static string? ParallelArray(Random random, GgufDraft draft)
    {
        var key = random.Next(2) == 0 ? GgufKeys.Scores : GgufKeys.TokenType;
        if (draft.Get(key)?.Value is not GgufArray array)
        {
            return null;
        }
        var count = random.Next(4) switch
        {
            0 => 0,
            1 => array.Count - 1,
            2 => array.Count / 2,
            _ => array.Count + 7,
        };
        var elementType = random.Next(3) == 0 ? (GgufValueType)random.Next(8) : array.ElementType;
        var items = Array.CreateInstance(array.Items.GetType().GetElementType()!, count);
        Array.Copy(array.Items, items, Math.Min(count, array.Count));
        var value = elementType == array.ElementType
            ? new GgufArray(elementType, items)
            : (GgufArray)FuzzValues.Of(GgufValueType.Arr, random, 1, 1).Value;
        draft.Set(key, new GgufValue(GgufValueType.Arr, value));
        return $"{key}: {value.Count} × {value.ElementType} for {array.Count}";
    }

    private static string? TokenType(Random random, GgufDraft draft)
    {
        if (draft.Get(GgufKeys.TokenType)?.Value is not GgufArray { Items: int[] { Length: > 0 } types })
        {
            return null;
        }
        var changed = (int[])types.Clone();
        var index = random.Next(changed.Length);
        int[] values = [0, 1, 2, 3, 4, 5, 6, 7, 8, -1, 100, int.MaxValue, int.MinValue];
        changed[index] = values[random.Next(values.Length)];
        draft.Set(GgufKeys.TokenType, new GgufValue(GgufValueType.Arr, new GgufArray(GgufValueType.I32, changed)));
        return $"token_type[{index}] = {changed[index]}";
    }

    private static string? SpecialId(Random random, GgufDraft draft)
    {
        var key = s_specialIds[random.Next(s_specialIds.Length)];
        var count = Tokens(draft)?.Length ?? 0;
        long[] ids = [-1, 0, 1, 2, count - 1, count, count + 1, int.MaxValue, uint.MaxValue, long.MaxValue];
        var id = ids[random.Next(ids.Length)];
        GgufValueType[] types = [GgufValueType.U32, GgufValueType.U32, GgufValueType.I32, GgufValueType.I64, GgufValueType.U8, GgufValueType.F32, GgufValueType.Str];
        var value = FuzzValues.Of(types[random.Next(types.Length)], random, id, id);
        draft.Set(key, value);
        if (random.Next(3) == 0)
        {
            draft.Set(key.Replace("_token_id", "_token", StringComparison.Ordinal).Replace("tokenizer.ggml.", "tokenizer.ggml.add_", StringComparison.Ordinal),
                new GgufValue(GgufValueType.Bool, true));
        }
        return $"{key} = {MetadataMutations.Show(value)}";
    }

    /// <summary>BPE merges that are empty, lack the separating space, or name pieces the vocabulary lacks.</summary>
    private static string? Merges(Random random, GgufDraft draft)
    {
        var merges = draft.Get("tokenizer.ggml.merges")?.Value is GgufArray { Items: string[] { Length: > 0 } existing } ? (string[])existing.Clone() : ["a b", "b c"];
        string[] broken = ["", "nospace", " ", "a  b", "zz qq", "a b c", "\0 \0", new string('m', 5000) + " x"];
        var index = random.Next(merges.Length);
        merges[index] = broken[random.Next(broken.Length)];
        draft.Set("tokenizer.ggml.merges", new GgufValue(GgufValueType.Arr, new GgufArray(GgufValueType.Str, merges)));
        if (random.Next(2) == 0)
        {
            draft.Set(GgufKeys.TokenizerModel, new GgufValue(GgufValueType.Str, "gpt2"));
        }
        return $"merges[{index}] broken";
    }

    private static string[]? Tokens(GgufDraft draft) =>
        draft.Get(GgufKeys.Tokens)?.Value is GgufArray { Items: string[] tokens } ? (string[])tokens.Clone() : null;

    private static void SetTokens(GgufDraft draft, string[] tokens) =>
        draft.Set(GgufKeys.Tokens, new GgufValue(GgufValueType.Arr, new GgufArray(GgufValueType.Str, tokens)));
}

namespace EdgeAspire.Llama.Gguf;

/// <summary>The metadata of a synthetic llama model: what llama.cpp's llama loader and SPM tokenizer read.</summary>
internal static class SyntheticMetadata
{
    private const string Architecture = "llama";

    /// <summary>llama.cpp (llama-vocab.cpp) sets attributes on Phi-3's special tokens, looked up by text, for any model
    /// whose <c>general.name</c> contains "phi-3" or "phi3", and fails to load one whose vocabulary lacks
    /// <c>&lt;|endoftext|&gt;</c>. Phi-3's own vocabulary has it, so a synthetic model named like it has it too.</summary>
    private static bool NeedsEndOfText(string name) =>
        name.Contains("phi-3", StringComparison.OrdinalIgnoreCase) || name.Contains("phi3", StringComparison.OrdinalIgnoreCase);

    public static List<KeyValuePair<string, GgufValue>> Create(GgufModelShape shape, GgmlType type, int seed)
    {
        var vocabulary = SyntheticVocabulary.Create(shape.VocabSize, NeedsEndOfText(shape.Name));
        var entries = new List<KeyValuePair<string, GgufValue>>();
        void Add(string key, GgufValueType valueType, object value) => entries.Add(new(key, new GgufValue(valueType, value)));
        void AddU32(string key, int value) => Add(key, GgufValueType.U32, (uint)value);

        Add(GgufKeys.Architecture, GgufValueType.Str, Architecture);
        Add(GgufKeys.Name, GgufValueType.Str, shape.Name);
        Add(GgufKeys.Description, GgufValueType.Str,
            $"EdgeAspire synthetic model: random weights (seed {seed}) in the shape of {shape.Name}. Fit for speed and memory measurements, not for quality.");
        AddU32(GgufKeys.FileType, (int)FileType(type));
        AddU32(GgufKeys.QuantizationVersion, 2);
        AddU32(GgufKeys.Alignment, (int)GgufFile.DefaultAlignment);
        AddU32(GgufKeys.ContextLength(Architecture), shape.ContextLength);
        AddU32(GgufKeys.EmbeddingLength(Architecture), shape.EmbeddingLength);
        AddU32(GgufKeys.BlockCount(Architecture), shape.BlockCount);
        AddU32(GgufKeys.FeedForwardLength(Architecture), shape.FeedForwardLength);
        AddU32(GgufKeys.HeadCount(Architecture), shape.HeadCount);
        AddU32(GgufKeys.HeadCountKv(Architecture), shape.HeadCountKv);
        AddU32(GgufKeys.RopeDimensionCount(Architecture), shape.HeadDimension);
        Add(GgufKeys.RopeFreqBase(Architecture), GgufValueType.F32, GgufWriter.RopeFreqBase);
        Add(GgufKeys.RmsEpsilon(Architecture), GgufValueType.F32, GgufWriter.RmsNormEpsilon);
        AddU32(GgufKeys.VocabSize(Architecture), shape.VocabSize);

        Add(GgufKeys.TokenizerModel, GgufValueType.Str, "llama");
        Add(GgufKeys.Tokens, GgufValueType.Arr, new GgufArray(GgufValueType.Str, vocabulary.Tokens));
        Add(GgufKeys.Scores, GgufValueType.Arr, new GgufArray(GgufValueType.F32, vocabulary.Scores));
        Add(GgufKeys.TokenType, GgufValueType.Arr, new GgufArray(GgufValueType.I32, vocabulary.TokenTypes));
        AddU32(GgufKeys.BosTokenId, SyntheticVocabulary.BosId);
        AddU32(GgufKeys.EosTokenId, SyntheticVocabulary.EosId);
        AddU32(GgufKeys.UnknownTokenId, SyntheticVocabulary.UnknownId);
        AddU32(GgufKeys.EotTokenId, vocabulary.ImEndId);
        Add(GgufKeys.AddBosToken, GgufValueType.Bool, true);
        Add(GgufKeys.AddEosToken, GgufValueType.Bool, false);
        Add(GgufKeys.ChatTemplate, GgufValueType.Str, GgufWriter.ChatTemplate);

        Add(GgufKeys.Synthetic, GgufValueType.Bool, true);
        Add(GgufKeys.SyntheticSeed, GgufValueType.I32, seed);
        return entries;
    }

    private static GgufFileType FileType(GgmlType type) => type switch
    {
        GgmlType.F32 => GgufFileType.F32,
        GgmlType.F16 => GgufFileType.F16,
        GgmlType.Q8_0 => GgufFileType.Q8_0,
        GgmlType.Q4_0 => GgufFileType.Q4_0,
        _ => throw new ArgumentException($"no file type for {type}", nameof(type)),
    };
}

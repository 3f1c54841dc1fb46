namespace EdgeAspire.Llama.Gguf;

/// <summary>Metadata key names from gguf-py's constants.py; architecture keys are prefixed by the architecture.</summary>
public static class GgufKeys
{
    public const string Architecture = "general.architecture";
    public const string Name = "general.name";
    public const string Description = "general.description";
    public const string FileType = "general.file_type";
    public const string QuantizationVersion = "general.quantization_version";
    public const string Alignment = "general.alignment";

    public const string TokenizerModel = "tokenizer.ggml.model";
    public const string Tokens = "tokenizer.ggml.tokens";
    public const string Scores = "tokenizer.ggml.scores";
    public const string TokenType = "tokenizer.ggml.token_type";
    public const string BosTokenId = "tokenizer.ggml.bos_token_id";
    public const string EosTokenId = "tokenizer.ggml.eos_token_id";
    public const string UnknownTokenId = "tokenizer.ggml.unknown_token_id";
    public const string EotTokenId = "tokenizer.ggml.eot_token_id";
    public const string AddBosToken = "tokenizer.ggml.add_bos_token";
    public const string AddEosToken = "tokenizer.ggml.add_eos_token";
    public const string ChatTemplate = "tokenizer.chat_template";

    /// <summary>Set to true by GgufWriter: the weights are random, so quality numbers mean nothing.</summary>
    public const string Synthetic = "edgeaspire.synthetic";
    public const string SyntheticSeed = "edgeaspire.seed";

    public static string ContextLength(string architecture) => $"{architecture}.context_length";
    public static string EmbeddingLength(string architecture) => $"{architecture}.embedding_length";
    public static string BlockCount(string architecture) => $"{architecture}.block_count";
    public static string FeedForwardLength(string architecture) => $"{architecture}.feed_forward_length";
    public static string HeadCount(string architecture) => $"{architecture}.attention.head_count";
    public static string HeadCountKv(string architecture) => $"{architecture}.attention.head_count_kv";
    public static string KeyLength(string architecture) => $"{architecture}.attention.key_length";
    public static string ValueLength(string architecture) => $"{architecture}.attention.value_length";
    public static string RmsEpsilon(string architecture) => $"{architecture}.attention.layer_norm_rms_epsilon";
    public static string RopeDimensionCount(string architecture) => $"{architecture}.rope.dimension_count";
    public static string RopeFreqBase(string architecture) => $"{architecture}.rope.freq_base";
    public static string VocabSize(string architecture) => $"{architecture}.vocab_size";
}

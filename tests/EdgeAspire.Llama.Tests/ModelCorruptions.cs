using System.Collections.Concurrent;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests;

/// <summary>
/// Corruptions of a llama model that pass the GGUF reader and abort llama.cpp's process (found by fuzzing the
/// fixtures, issue #17), plus neighbours of each class; every one with the words its refusal must contain.
/// </summary>
public static class ModelCorruptions
{
    private const string Arch = "llama";

    private static readonly Dictionary<string, (Action<List<KeyValuePair<string, GgufValue>>> Change, string Named)> s_all = new()
    {
        ["block-count-zero"] = (m => m.Set(GgufKeys.BlockCount(Arch), GgufValueType.U32, 0u), "'llama.block_count' is 0"),
        ["block-count-over-max"] = (m => m.Set(GgufKeys.BlockCount(Arch), GgufValueType.U32, 513u), "'llama.block_count' is 513"),
        ["head-count-missing"] = (m => m.Remove(GgufKeys.HeadCount(Arch)), "'llama.attention.head_count' is missing"),
        ["embedding-length-zero"] = (m => m.Set(GgufKeys.EmbeddingLength(Arch), GgufValueType.U32, 0u), "'llama.embedding_length' is 0"),
        ["kv-heads-not-dividing"] = (m => m.Set(GgufKeys.HeadCountKv(Arch), GgufValueType.U32, 3u), "not a multiple of its 3 KV heads"),
        ["epsilon-nan"] = (m => m.Set(GgufKeys.RmsEpsilon(Arch), GgufValueType.F32, float.NaN), "'llama.attention.layer_norm_rms_epsilon' is NaN"),
        ["epsilon-negative"] = (m => m.Set(GgufKeys.RmsEpsilon(Arch), GgufValueType.F32, -1e-5f), "'llama.attention.layer_norm_rms_epsilon' is -1E-05"),
        ["epsilon-as-string"] = (m => m.Set(GgufKeys.RmsEpsilon(Arch), GgufValueType.Str, "1e-5"), "not a number"),
        ["tokenizer-bert"] = (m => m.Set(GgufKeys.TokenizerModel, GgufValueType.Str, "bert"), "tokenizer 'bert'"),
        ["architecture-mamba"] = (m => m.Set(GgufKeys.Architecture, GgufValueType.Str, "mamba"), "architecture 'mamba'"),
        ["tokens-all-empty"] = (m => m.ChangeTokens(t => Array.Fill(t, "")), "every token is an empty string"),
        ["token-duplicate"] = (m => m.ChangeTokens(t => t[300] = t[301]), "repeats token"),
        ["token-with-nul"] = (m => m.ChangeTokens(t => t[300] = "a\0b"), "NUL"),
        ["byte-token-missing"] = (m => m.ChangeTokens(t => t[3 + 0x80] = "<0x80>x"), "byte 0x80"),
        ["alignment-one"] = (m => m.Set(GgufKeys.Alignment, GgufValueType.U32, 1u), "'general.alignment' is 1"),
        ["feed-forward-mismatch"] = (m => m.Set(GgufKeys.FeedForwardLength(Arch), GgufValueType.U32, 96u), "ffn_gate.weight' has shape"),
        // Same size as the F32 they replace, so the data still matches: only the type rule stands in the way.
        ["weight-type-i32"] = (m => { }, "tensor 'blk.0.ffn_up.weight' is of type I32"),
        ["norm-type-i32"] = (m => { }, "tensor 'blk.0.attn_norm.weight' is a vector of I32"),
    };

    /// <summary>Corruptions of the tensor infos rather than the metadata.</summary>
    private static readonly Dictionary<string, Func<IReadOnlyList<GgufTensorInfo>, IReadOnlyList<GgufTensorInfo>>> s_tensors = new()
    {
        ["weight-type-i32"] = t => Retyped(t, "blk.0.ffn_up.weight", GgmlType.I32),
        ["norm-type-i32"] = t => Retyped(t, "blk.0.attn_norm.weight", GgmlType.I32),
    };

    private static readonly ConcurrentDictionary<string, Lazy<string>> s_written = new();

    public static TheoryData<string> Names => [.. s_all.Keys];

    /// <summary>Words the refusal of <paramref name="name"/> must contain.</summary>
    public static string Named(string name) => s_all[name].Named;

    /// <summary>The corrupted copy of the synthetic model, written once per test process.</summary>
    public static string Write(string name) =>
        s_written.GetOrAdd(name, n => new Lazy<string>(() => ModelVariants.Write($"corrupt-{n}.gguf", s_all[n].Change, s_tensors.GetValueOrDefault(n)))).Value;

    private static GgufTensorInfo[] Retyped(IReadOnlyList<GgufTensorInfo> tensors, string name, GgmlType type) =>
        [.. tensors.Select(t => t.Name == name ? t with { Type = type } : t)];
}

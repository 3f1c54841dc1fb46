using System.Globalization;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>Changes to metadata: hyperparameter values, value types, missing and extra keys, the strings that pick
/// an architecture, tokenizer or template, and the alignment.</summary>
internal static class MetadataMutations
{
    // Keys llama.cpp's loader reads when present (llama-arch.cpp's LLM_KV names), beyond those the seeds carry.
    private static readonly string[] s_optionalArchitectureKeys = ["attention.key_length", "attention.value_length", "attention.head_count_kv",
        "rope.dimension_count", "rope.scaling.type", "rope.scaling.factor", "rope.scaling.original_context_length", "rope.freq_base",
        "rope.dimension_sections", "expert_count", "expert_used_count", "expert_shared_count", "expert_group_count", "expert_group_used_count",
        "attention.sliding_window", "vocab_size", "attention.layer_norm_epsilon", "logit_scale", "attention.clamp_kqv",
        "nextn_predict_layers", "leading_dense_block_count", "attention.q_lora_rank", "final_logit_softcapping", "attn_logit_softcapping",
        "embedding_scale", "residual_scale", "attention.scale", "context_length", "feed_forward_length", "attention.head_count", "block_count"];

    private static readonly string[] s_optionalGlobalKeys = ["tokenizer.ggml.pre", "tokenizer.ggml.merges", "tokenizer.ggml.add_bos_token",
        "tokenizer.ggml.add_eos_token", "tokenizer.ggml.add_space_prefix", "tokenizer.ggml.padding_token_id", "tokenizer.ggml.seperator_token_id",
        "tokenizer.ggml.cls_token_id", "tokenizer.ggml.mask_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id",
        "tokenizer.ggml.fim_pre_token_id", "tokenizer.ggml.remove_extra_whitespaces", "tokenizer.ggml.precompiled_charsmap",
        "tokenizer.ggml.token_type_count", "tokenizer.chat_template", "general.file_type", "general.quantization_version",
        "split.count", "split.no", "split.tensors.count", "general.alignment"];

    private static readonly string[] s_choiceKeys = [GgufKeys.Architecture, GgufKeys.TokenizerModel, "tokenizer.ggml.pre", GgufKeys.ChatTemplate];

    private static readonly uint[] s_alignments = [0, 1, 2, 3, 4, 8, 16, 24, 31, 32, 33, 64, 128, 4096, 65536, 1u << 31, uint.MaxValue];

    public static IReadOnlyList<(string Name, Func<Random, GgufDraft, string?> Apply)> All { get; } =
    [
        ("hyperparameter-value", HyperparameterValue),
        ("hyperparameter-value", HyperparameterValue),
        ("value-type", ValueType),
        ("remove-key", RemoveKey),
        ("add-key", AddKey),
        ("choice-string", ChoiceString),
        ("alignment", Alignment),
    ];

    /// <summary>A scalar under the architecture's prefix (or a tokenizer id or flag) set to a value of its own type.</summary>
    private static string? HyperparameterValue(Random random, GgufDraft draft)
    {
        var candidates = draft.Metadata.Where(e => e.Value.Type is not (GgufValueType.Str or GgufValueType.Arr)).ToList();
        var arrays = draft.Metadata.Where(e => e.Value.Value is GgufArray { ElementType: not (GgufValueType.Str or GgufValueType.Arr), Count: > 0 and < 4096 }).ToList();
        if (arrays.Count > 0 && random.Next(6) == 0)
        {
            var (arrayKey, arrayValue) = arrays[random.Next(arrays.Count)];
            var array = (GgufArray)arrayValue.Value;
            var items = (Array)array.Items.Clone();
            var index = random.Next(items.Length);
            var (i, r) = FuzzValues.Numbers(new GgufValue(array.ElementType, items.GetValue(index)!));
            items.SetValue(FuzzValues.Of(array.ElementType, random, FuzzValues.Integer(random, i), FuzzValues.Float(random, r)).Value, index);
            draft.Set(arrayKey, new GgufValue(GgufValueType.Arr, new GgufArray(array.ElementType, items)));
            return $"{arrayKey}[{index}] = {items.GetValue(index)}";
        }
        if (candidates.Count == 0)
        {
            return null;
        }
        var (key, value) = candidates[random.Next(candidates.Count)];
        var (integer, real) = FuzzValues.Numbers(value);
        var changed = FuzzValues.Of(value.Type, random, FuzzValues.Integer(random, integer), FuzzValues.Float(random, real));
        draft.Set(key, changed);
        return $"{key} = {Show(changed)}";
    }

    private static string? ValueType(Random random, GgufDraft draft)
    {
        var key = draft.Metadata[random.Next(draft.Metadata.Count)].Key;
        var value = FuzzValues.Any(random);
        draft.Set(key, value);
        return $"{key} = {Show(value)}";
    }

    private static string? RemoveKey(Random random, GgufDraft draft)
    {
        var key = draft.Metadata[random.Next(draft.Metadata.Count)].Key;
        draft.Metadata.RemoveAt(draft.IndexOf(key));
        return $"removed {key}";
    }

    private static string? AddKey(Random random, GgufDraft draft)
    {
        var key = random.Next(2) == 0
            ? $"{draft.Architecture}.{s_optionalArchitectureKeys[random.Next(s_optionalArchitectureKeys.Length)]}"
            : s_optionalGlobalKeys[random.Next(s_optionalGlobalKeys.Length)];
        var layers = draft.Get(GgufKeys.BlockCount(draft.Architecture)) is { } blocks ? (int)Math.Clamp(FuzzValues.Numbers(blocks).Integer, 0, 64) : 1;
        var value = random.Next(4) switch
        {
            // A per-layer array, as llama.cpp accepts for head counts and widths.
            0 => new GgufValue(GgufValueType.Arr, new GgufArray(GgufValueType.U32,
                Enumerable.Range(0, Math.Max(0, layers + random.Next(-1, 2))).Select(_ => unchecked((uint)FuzzValues.Integer(random, 8))).ToArray())),
            1 => new GgufValue(GgufValueType.Str, FuzzValues.Text(random)),
            _ => FuzzValues.Of(random.Next(2) == 0 ? GgufValueType.U32 : GgufValueType.F32, random, FuzzValues.Integer(random, 8), FuzzValues.Float(random, 1)),
        };
        draft.Set(key, value);
        return $"{key} = {Show(value)}";
    }

    private static string? ChoiceString(Random random, GgufDraft draft)
    {
        var key = s_choiceKeys[random.Next(s_choiceKeys.Length)];
        var value = new GgufValue(GgufValueType.Str, FuzzValues.Text(random));
        draft.Set(key, value);
        return $"{key} = {Show(value)}";
    }

    private static string? Alignment(Random random, GgufDraft draft)
    {
        var alignment = s_alignments[random.Next(s_alignments.Length)];
        draft.Set(GgufKeys.Alignment, random.Next(5) == 0
            ? FuzzValues.Of((GgufValueType)random.Next(13), random, alignment, alignment)
            : new GgufValue(GgufValueType.U32, alignment));
        // Usually the data really is padded as the key says, so that the file gets past the reader.
        if (alignment is > 0 and <= 65536 && (alignment & (alignment - 1)) == 0 && random.Next(4) != 0)
        {
            draft.Padding = alignment;
        }
        return $"{GgufKeys.Alignment} = {alignment} (padded to {draft.Padding})";
    }

    public static string Show(GgufValue value) => value.Value switch
    {
        string s => $"\"{(s.Length > 24 ? s[..24] + $"…({s.Length})" : s)}\" ({value.Type})",
        GgufArray a => $"[{a.Count} × {a.ElementType}]",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.Type})",
        var v => $"{v} ({value.Type})",
    };
}

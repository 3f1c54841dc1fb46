using System.Text.RegularExpressions;

namespace EdgeAspire.Llama.Gguf.Validation;

/// <summary>
/// Checks the shape of every tensor whose role is known against the hyperparameters, as llama.cpp's
/// <c>create_tensor</c> would (ggml order: row length first, trailing 1s ignored), and that every layer index is
/// one of the file's blocks. Shapes llama.cpp never checks would otherwise reach ggml's reshapes, which assert.
/// </summary>
internal static partial class TensorShapeRules
{
    public static void Check(IReadOnlyList<GgufTensorInfo> tensors, Hyperparameters h, int vocabulary, string architecture)
    {
        foreach (var tensor in tensors)
        {
            var match = LayerTensor().Match(tensor.Name);
            var layer = -1;
            if (match.Success)
            {
                ModelFileProblem.Require(int.TryParse(match.Groups[1].ValueSpan, out layer) && layer < h.BlockCount,
                    $"tensor '{tensor.Name}' belongs to layer {match.Groups[1].Value}, but the file has {h.BlockCount} layers");
            }
            var role = match.Success ? match.Groups[2].Value : tensor.Name;
            if (Expected(role, layer, h, vocabulary, architecture) is { } expected)
            {
                ModelFileProblem.Require(SameShape(tensor.Shape, expected),
                    $"tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Shape)}], but the hyperparameters give [{string.Join(", ", expected)}]");
            }
        }
    }

    /// <summary>The shape llama.cpp creates the tensor with; null for roles whose shape depends on an architecture
    /// this table does not describe. The first group holds for every supported architecture; the attention
    /// projections and ffn_up are llama's own (Phi-3 fuses QKV and doubles ffn_up, Qwen2 and InternLM2 write
    /// attn_output as n_embd × n_embd).</summary>
    private static long[]? Expected(string role, int layer, Hyperparameters h, long vocabulary, string architecture)
    {
        var embd = h.EmbeddingLength;
        var common = role switch
        {
            "token_embd.weight" or "output.weight" => [embd, vocabulary],
            "output_norm.weight" or "attn_norm.weight" or "ffn_norm.weight" or "attn_post_norm.weight" or "ffn_post_norm.weight" => [embd],
            "ffn_gate.weight" when layer >= 0 => [embd, h.FeedForwardLength[layer]],
            "ffn_down.weight" when layer >= 0 => [h.FeedForwardLength[layer], embd],
            _ => (long[]?)null,
        };
        if (common is not null || architecture != "llama")
        {
            return common;
        }
        // llama.cpp's llama loader sizes every layer with layer 0's head counts.
        var queryWidth = h.KeyLength * h.HeadCount[0];
        return (role, layer) switch
        {
            ("rope_freqs.weight", _) => [h.RopeDimensions / 2],
            (_, < 0) => null,
            ("attn_q.weight", _) => [embd, queryWidth],
            ("attn_k.weight", _) => [embd, h.KeyLength * h.HeadCountKv[0]],
            ("attn_v.weight", _) => [embd, h.ValueLength * h.HeadCountKv[0]],
            ("attn_output.weight", _) => [queryWidth, embd],
            ("ffn_up.weight", _) => [embd, h.FeedForwardLength[layer]],
            _ => null,
        };
    }

    private static bool SameShape(IReadOnlyList<long> actual, long[] expected)
    {
        for (var i = 0; i < Math.Max(actual.Count, expected.Length); i++)
        {
            if ((i < actual.Count ? actual[i] : 1) != (i < expected.Length ? expected[i] : 1))
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"^blk\.(\d+)\.(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LayerTensor();
}

using System.Globalization;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Evaluator.Projection;

/// <summary>
/// What one token costs a model on a CPU: the weight bytes decode streams from memory (every matrix once; the token
/// embedding table only when it doubles as the output matrix, otherwise one row is looked up) and the parameters of
/// the matrix products prefill computes (the blocks' matrices, 2 FLOPs each per token).
/// </summary>
/// <param name="WeightType">The type most of the blocks' matrix bytes are in (Q4_0, Q8_0…), or null when unknown.</param>
/// <param name="Exact">False when derived from a file size and parameter count only (a server's model details).</param>
public sealed record ModelFootprint(long WeightBytesPerToken, long MatmulParameters, string? WeightType, bool Exact)
{
    public const string BytesKey = "model_bytes_per_token";
    public const string ParametersKey = "model_matmul_parameters";
    public const string TypeKey = "model_weight_type";

    public static ModelFootprint Of(GgufFile gguf)
    {
        var tensors = gguf.Tensors;
        var hasOutput = tensors.Any(t => t.Name == "output.weight");
        var bytes = tensors.Where(t => !(hasOutput && t.Name == "token_embd.weight")).Sum(t => t.ByteSize);
        var matrices = tensors.Where(t => t.Name.StartsWith("blk.", StringComparison.Ordinal) && t.Shape.Count == 2).ToList();
        var type = matrices.GroupBy(t => t.Type).MaxBy(g => g.Sum(t => t.ByteSize))?.Key.ToString();
        return new ModelFootprint(bytes, matrices.Sum(t => t.ElementCount), type, Exact: true);
    }

    /// <summary>The environment entries an in-process run records for its model.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>
    {
        [BytesKey] = WeightBytesPerToken.ToString(CultureInfo.InvariantCulture),
        [ParametersKey] = MatmulParameters.ToString(CultureInfo.InvariantCulture),
        [TypeKey] = WeightType ?? "",
    };

    /// <summary>From what a run recorded of a model: the exact entries of an in-process run, else a server's
    /// <c>size_bytes</c> and <c>parameters</c> (an upper bound on both costs); null when neither is there.</summary>
    public static ModelFootprint? FromEnvironment(IReadOnlyDictionary<string, string> model)
    {
        if (Long(model, BytesKey) is { } bytes && Long(model, ParametersKey) is { } parameters)
        {
            return new ModelFootprint(bytes, parameters, model.GetValueOrDefault(TypeKey) is { Length: > 0 } type ? type : null, Exact: true);
        }
        if (Long(model, "model_size_bytes") is { } size && Long(model, "model_parameters") is { } all)
        {
            return new ModelFootprint(size, all, model.GetValueOrDefault("model_quantization") is { Length: > 0 } quantization ? quantization : null, Exact: false);
        }
        return null;
    }

    private static long? Long(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}

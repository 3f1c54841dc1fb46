namespace EdgeAspire.Llama.Gguf.Validation;

/// <summary>
/// Refuses tensor element types the CPU backend cannot compute with. llama.cpp loads any type ggml knows, and its
/// CPU backend says it supports a matrix multiplication whenever the activations are F32, without looking at the
/// weights' type: a weight matrix of I32 (no <c>vec_dot</c> in ggml-cpu.c's type traits) then calls a null function
/// at the first decode and the process dies with SIGSEGV (found by the GGUF fuzzer, issue #17).
/// </summary>
internal static class TensorTypeRules
{
    // The types with a vec_dot in ggml-cpu.c's type_traits_cpu at llama.cpp v0.5.0; Q8_1 and Q8_K exist only as the
    // other operand's type, and I8..I64 and F64 have none.
    private static readonly HashSet<GgmlType> s_multipliable =
    [
        GgmlType.F32, GgmlType.F16, GgmlType.BF16,
        GgmlType.Q1_0, GgmlType.Q2_0, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q8_0,
        GgmlType.MXFP4, GgmlType.NVFP4,
        GgmlType.Q2_K, GgmlType.Q3_K, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K,
        GgmlType.IQ2_XXS, GgmlType.IQ2_XS, GgmlType.IQ2_S, GgmlType.IQ3_XXS, GgmlType.IQ3_S, GgmlType.IQ1_S, GgmlType.IQ1_M,
        GgmlType.IQ4_NL, GgmlType.IQ4_XS, GgmlType.TQ1_0, GgmlType.TQ2_0,
    ];

    public static void Check(IReadOnlyList<GgufTensorInfo> tensors)
    {
        foreach (var tensor in tensors)
        {
            if (Dimensions(tensor) <= 1)
            {
                // Norm weights and biases are multiplied or added element by element to F32 activations; ggml-cpu's
                // binary ops abort on any other type (binary-ops.cpp). Converters and quantizers keep them F32.
                ModelFileProblem.Require(tensor.Type == GgmlType.F32,
                    $"tensor '{tensor.Name}' is a vector of {tensor.Type}; llama.cpp's CPU backend needs vectors (norms, biases) in F32");
            }
            else
            {
                ModelFileProblem.Require(s_multipliable.Contains(tensor.Type),
                    $"tensor '{tensor.Name}' is of type {tensor.Type}, which llama.cpp's CPU backend cannot multiply matrices of");
            }
        }
    }

    /// <summary>Dimensions past trailing 1s, as ggml counts them.</summary>
    private static int Dimensions(GgufTensorInfo tensor)
    {
        var dimensions = tensor.Shape.Count;
        while (dimensions > 1 && tensor.Shape[dimensions - 1] == 1)
        {
            dimensions--;
        }
        return dimensions;
    }
}

using System.Diagnostics.CodeAnalysis;

namespace EdgeAspire.Llama.Gguf.Validation;

/// <summary>
/// Refuses a file whose bytes parse but whose content llama.cpp would abort on: its loader and CPU ops check
/// hyperparameters with GGML_ASSERT, which ends the whole process instead of throwing.
/// </summary>
internal static class ModelFileProblem
{
    public static void Require([DoesNotReturnIf(false)] bool condition, string problem)
    {
        if (!condition)
        {
            throw new GgufFormatException(problem);
        }
    }
}

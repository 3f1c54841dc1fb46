using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Gguf.Validation;

namespace EdgeAspire.Llama;

/// <summary>
/// Decides in managed code whether llama.cpp can load and run a GGUF file without aborting the process: the bytes
/// parse with hard limits (<see cref="GgufReader"/>), then the architecture, tokenizer, hyperparameters,
/// vocabulary, alignment, tensor shapes and tensor types are checked against what llama.cpp asserts on.
/// </summary>
public static class GgufModelValidator
{
    // TENSOR_ALIGNMENT in ggml-impl.h: llama.cpp maps tensor data straight from the file into CPU buffers and
    // asserts that each buffer pointer is aligned to it. gguf.cpp itself accepts any power of two.
    private const uint MinimumAlignment = 32;

    /// <exception cref="GgufFormatException">The file is malformed or not a model llama.cpp can run safely; the
    /// message names the problem.</exception>
    public static GgufFile Validate(string path)
    {
        var file = GgufReader.Read(path);
        Validate(file);
        return file;
    }

    /// <exception cref="GgufFormatException">The file is not a model llama.cpp can run safely.</exception>
    public static void Validate(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        ModelFileProblem.Require(file.Tensors.Count > 0, "the file has no tensors (a vocabulary-only GGUF cannot be run)");
        ModelFileProblem.Require(file.Alignment >= MinimumAlignment,
            $"'{GgufKeys.Alignment}' is {file.Alignment}; llama.cpp's CPU buffers need tensor data aligned to at least {MinimumAlignment} bytes");
        ModelFileProblem.Require(file.Metadata.TryGetString(GgufKeys.Architecture, out var architecture), $"'{GgufKeys.Architecture}' is missing");
        ModelFileProblem.Require(SupportedArchitectures.TokenizersOf(architecture) is not null,
            $"architecture '{architecture}' is not one this server runs ({SupportedArchitectures.Names})");

        var hyperparameters = Hyperparameters.Read(file.Metadata, architecture);
        var vocabulary = VocabularyRules.Check(file.Metadata, architecture);
        TensorShapeRules.Check(file.Tensors, hyperparameters, vocabulary, architecture);
        TensorTypeRules.Check(file.Tensors);
    }
}

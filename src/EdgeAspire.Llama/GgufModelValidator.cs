using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama;

internal static class GgufModelValidator
{
    /// <summary>Parses the header, metadata and tensor table with hard limits and checks that every tensor lies
    /// inside the file; a file that fails never reaches llama.cpp's loader.</summary>
    /// <exception cref="GgufFormatException">The file is malformed.</exception>
    public static GgufFile Validate(string path)
    {
        var file = GgufReader.Read(path);
        if (file.Tensors.Count == 0)
        {
            throw new GgufFormatException(0, "the file has no tensors (a vocabulary-only GGUF cannot be run)");
        }
        return file;
    }
}

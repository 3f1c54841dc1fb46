using EdgeAspire.Llama;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.ModelStore.Imports;

/// <summary>
/// Whether a file may enter the cache: a GGUF that parses and that llama.cpp can run without aborting
/// (<see cref="GgufModelValidator"/>), so no worker ever fetches a file that would crash it. A file without the GGUF
/// magic is refused without quoting its bytes: the store must not become a way to read files.
/// </summary>
internal static class ModelFileCheck
{
    public const string InvalidGguf = "invalid_gguf";
    public const string InvalidModelFile = "invalid_model_file";

    /// <param name="status">400 for a file the client sent; 502 for one the upstream sent.</param>
    public static void Validate(string path, int status, string? param)
    {
        Span<byte> magic = stackalloc byte[4];
        using (var file = File.OpenRead(path))
        {
            if (file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !magic.SequenceEqual("GGUF"u8))
            {
                throw new ModelStoreException(status, InvalidGguf, "Not a GGUF file: it does not start with the GGUF magic.", param);
            }
        }
        GgufFile parsed;
        try
        {
            parsed = GgufReader.Read(path);
        }
        catch (GgufFormatException e)
        {
            throw new ModelStoreException(status, InvalidGguf, $"Not a valid GGUF file: {e.Message}", param, e);
        }
        try
        {
            GgufModelValidator.Validate(parsed);
        }
        catch (GgufFormatException e)
        {
            throw new ModelStoreException(status, InvalidModelFile, $"Not a model llama.cpp can run: {e.Message}", param, e);
        }
    }
}

namespace EdgeAspire.Llama;

internal static class GgufModelValidator
{
    // Replaced by the GgufReader check when the Gguf namespace lands on this branch.
    public static void Validate(string path) => _ = path;
}

namespace EdgeAspire.Llama.Interop;

/// <summary>Library names used in <c>[LibraryImport]</c>; <see cref="NativeLibraryResolver"/> maps them to files.</summary>
internal static class Libraries
{
    internal const string Llama = "llama";
    internal const string LlamaCommon = "llama-common";
    internal const string Ggml = "ggml";
    internal const string GgmlBase = "ggml-base";
}

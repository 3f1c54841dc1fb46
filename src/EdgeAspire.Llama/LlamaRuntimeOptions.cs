namespace EdgeAspire.Llama;

public sealed class LlamaRuntimeOptions
{
    public const string SectionName = "Llama";

    /// <summary>Environment variable that points the runtime at another llama.cpp build of the same API version.</summary>
    public const string LibraryDirectoryVariable = "EDGEASPIRE_LLAMA_LIB_DIR";

    /// <summary>Folder with <c>libllama*.so</c>, <c>libggml*.so</c> and the <c>libggml-cpu-*.so</c> backends
    /// (setting <c>Llama:NativeLibraryPath</c>). Default: <c>runtimes/&lt;rid&gt;/native</c> beside the application.</summary>
    public string? NativeLibraryPath { get; set; }
}

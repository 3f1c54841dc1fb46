using EdgeAspire.Llama;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.PromptApi.Admission;

/// <summary>
/// The child side of the admission probe: <c>EdgeAspire.PromptApi --probe-model FILE [--library DIR]</c> loads the
/// file with llama.cpp and generates one token through the same engine that serves requests, then exits 0. A file
/// llama.cpp aborts or crashes on ends this process instead of the server.
/// </summary>
internal static class ProbeCommand
{
    public const string ModelArgument = "--probe-model";
    public const string LibraryArgument = "--library";

    // Enough for a chat template's worth of prompt; small, so the KV cache costs next to nothing.
    private const int ContextSize = 64;

    public static bool IsProbe(string[] args) => args.Length >= 2 && args[0] == ModelArgument;

    /// <returns>0 when the file survived; 2 when llama.cpp refused it (an error, not a crash). A crash never returns.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var library = args.Length >= 4 && args[2] == LibraryArgument ? args[3] : null;
        LlamaRuntime.Initialize(new LlamaRuntimeOptions { NativeLibraryPath = library });
        try
        {
            await GenerateOneTokenAsync(args[1]).ConfigureAwait(false);
            return 0;
        }
        catch (LlamaRuntimeException e)
        {
            // An unhandled exception would end the process with SIGABRT too: say a refusal apart from a crash.
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
    }

    private static async Task GenerateOneTokenAsync(string path)
    {
        using var model = LlamaModel.LoadUnchecked(path);
        using var engine = new InferenceEngine(model, new InferenceEngineOptions
        {
            QueueLength = 1,
            Context = new LlamaContextOptions { ContextSize = ContextSize, Threads = 1, Sequences = 1 },
        });
        var prompt = engine.Tokenize("Hi");
        await engine.GenerateTextAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = 1, IgnoreEndOfGeneration = true }).ConfigureAwait(false);
    }
}

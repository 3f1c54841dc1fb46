using EdgeAspire.Llama;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.PromptApi.Admission;

/// <summary>
/// The child side of the admission probe: <c>EdgeAspire.PromptApi --probe-model FILE [--library DIR]</c> loads the
/// file with llama.cpp and generates one token through the same engine that serves requests, then exits 0. A file
/// llama.cpp aborts or crashes on ends this process instead of the server. <c>--probe-host [--library DIR]</c> does
/// the same for each path read from stdin, answering each with a <see cref="VerdictPrefix"/> line on stdout, so that
/// the server pays for starting .NET and llama.cpp once rather than once per file (<see cref="ProbeHost"/>).
/// </summary>
internal static class ProbeCommand
{
    public const string ModelArgument = "--probe-model";
    public const string HostArgument = "--probe-host";
    public const string LibraryArgument = "--library";

    /// <summary>Starts each verdict line: llama.cpp may write to stdout too.</summary>
    public const string VerdictPrefix = "probe-verdict: ";
    public const string Survived = "ok";

    // Enough for a chat template's worth of prompt; small, so the KV cache costs next to nothing.
    private const int ContextSize = 64;

    public static bool IsProbe(string[] args) => (args.Length >= 2 && args[0] == ModelArgument) || (args.Length >= 1 && args[0] == HostArgument);

    /// <returns>0 when the file survived; 2 when llama.cpp refused it (an error, not a crash). A crash never returns.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] == HostArgument)
        {
            return await HostAsync(args.Length >= 3 && args[1] == LibraryArgument ? args[2] : null).ConfigureAwait(false);
        }
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

    /// <summary>Probes each path read from stdin until it closes (the server closes it, or dies); a file that crashes
    /// llama.cpp ends this process, and the server starts another for the next file.</summary>
    private static async Task<int> HostAsync(string? library)
    {
        LlamaRuntime.Initialize(new LlamaRuntimeOptions { NativeLibraryPath = library });
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } path)
        {
            string verdict;
            try
            {
                await GenerateOneTokenAsync(path).ConfigureAwait(false);
                verdict = Survived;
            }
            catch (LlamaRuntimeException e)
            {
                verdict = e.Message.ReplaceLineEndings(" ");
            }
            await Console.Out.WriteLineAsync(VerdictPrefix + verdict).ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
        }
        return 0;
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

using System.Runtime.InteropServices;
using System.Text;
using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Llama;

/// <summary>Weights of one GGUF file, memory-mapped. Contexts created from it share the weights.</summary>
public sealed class LlamaModel : IDisposable
{
    private const int LoadModeNone = 0, LoadModeMmap = 1, LoadModeMlock = 2, LoadModeMmapMlock = 3;

    private readonly SafeLlamaModelHandle _handle;

    private LlamaModel(string path, SafeLlamaModelHandle handle)
    {
        Path = path;
        _handle = handle;
        Vocab = new LlamaVocab(Interop.Interop.Llama.ModelGetVocab(handle), handle);
        Description = ReadDescription(handle);
        ParameterCount = (long)Interop.Interop.Llama.ModelParameterCount(handle);
        SizeBytes = (long)Interop.Interop.Llama.ModelSize(handle);
        TrainContextLength = Interop.Interop.Llama.ModelTrainContextLength(handle);
        ChatTemplate = ReadChatTemplate(handle);
    }

    public string Path { get; }

    public LlamaVocab Vocab { get; }

    /// <summary>llama.cpp's one-line description, e.g. <c>llama ?B all F32</c>.</summary>
    public string Description { get; }

    public long ParameterCount { get; }

    public long SizeBytes { get; }

    public int TrainContextLength { get; }

    /// <summary>The model's own chat template (<c>tokenizer.chat_template</c>), or null.</summary>
    public string? ChatTemplate { get; }

    internal SafeLlamaModelHandle Handle => _handle;

    /// <summary>Loads a GGUF file. The file is checked in managed code first: a corrupt file can crash or hang
    /// llama.cpp's loader, and a crash would take the whole server down.</summary>
    /// <exception cref="Gguf.GgufFormatException">The file is not a valid GGUF model.</exception>
    /// <exception cref="LlamaRuntimeException">llama.cpp refused the file.</exception>
    public static LlamaModel Load(string path, LlamaModelOptions? options = null)
    {
        _ = LlamaRuntime.Required;
        options ??= new LlamaModelOptions();
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Model file {full} does not exist.", full);
        }
        GgufModelValidator.Validate(full);
        return LoadUnchecked(full, options);
    }

    /// <summary>Hands the file straight to llama.cpp's loader, without the managed checks: only for the admission
    /// probe, whose child process exists to find out what the native code does with a file (the parent has run the
    /// checks already).</summary>
    internal static LlamaModel LoadUnchecked(string path, LlamaModelOptions? options = null)
    {
        _ = LlamaRuntime.Required;
        options ??= new LlamaModelOptions();
        var full = System.IO.Path.GetFullPath(path);
        var parameters = Interop.Interop.Llama.ModelDefaultParams();
        parameters.n_gpu_layers = 0;
        parameters.load_mode = (options.UseMemoryMap, options.LockMemory) switch
        {
            (true, true) => LoadModeMmapMlock,
            (true, false) => LoadModeMmap,
            (false, true) => LoadModeMlock,
            (false, false) => LoadModeNone,
        };
        var handle = new SafeLlamaModelHandle(Interop.Interop.Llama.ModelLoadFromFile(full, parameters));
        if (handle.IsInvalid)
        {
            var reason = NativeLog.TakeLastError();
            throw new LlamaRuntimeException($"llama.cpp could not load {full}{(reason is null ? "" : ": " + reason)}.");
        }
        return new LlamaModel(full, handle);
    }

    public LlamaContext CreateContext(LlamaContextOptions? options = null) => new(this, options ?? new LlamaContextOptions());

    public void Dispose() => _handle.Dispose();

    private static unsafe string ReadDescription(SafeLlamaModelHandle handle)
    {
        Span<byte> buffer = stackalloc byte[256];
        fixed (byte* p = buffer)
        {
            var n = Interop.Interop.Llama.ModelDesc(handle, p, (nuint)buffer.Length);
            return n <= 0 ? "" : Encoding.UTF8.GetString(buffer[..Math.Min(n, buffer.Length - 1)]);
        }
    }

    private static unsafe string? ReadChatTemplate(SafeLlamaModelHandle handle) =>
        Marshal.PtrToStringUTF8((nint)Interop.Interop.Llama.ModelChatTemplate(handle, null));
}

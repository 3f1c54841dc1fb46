using System.Runtime.InteropServices;
using EdgeAspire.Llama.Interop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAspire.Llama;

/// <summary>The loaded llama.cpp libraries. Loading happens here and only here, once per process: resolve the
/// library folder, check the version, load the best CPU backend, and find the thread-pool functions.</summary>
public sealed class LlamaRuntime
{
    /// <summary>The llama.cpp release whose structs and signatures the binding was written against.</summary>
    public const string ExpectedVersion = "0.5.0";

    private static readonly Lock s_gate = new();
    private static LlamaRuntime? s_current;

    private LlamaRuntime(string libraryDirectory, string version, string buildInfo, string cpuBackend, string cpuDescription, string systemInfo)
    {
        LibraryDirectory = libraryDirectory;
        Version = version;
        BuildInfo = buildInfo;
        CpuBackend = cpuBackend;
        CpuDescription = cpuDescription;
        SystemInfo = systemInfo;
    }

    public string LibraryDirectory { get; }

    public string Version { get; }

    /// <summary>llama.cpp's build string, e.g. <c>b1-0ad4a86</c>.</summary>
    public string BuildInfo { get; }

    /// <summary>The CPU backend variant ggml chose for this processor, e.g. <c>icelake</c> or <c>armv8.2_2</c>.</summary>
    public string CpuBackend { get; }

    public string CpuDescription { get; }

    /// <summary>The CPU features in use, as <c>llama_print_system_info</c> reports them.</summary>
    public string SystemInfo { get; }

    /// <summary>The runtime, or null before <see cref="Initialize"/>.</summary>
    public static LlamaRuntime? Current => Volatile.Read(ref s_current);

    internal static LlamaRuntime Required =>
        Current ?? throw new InvalidOperationException("Call LlamaRuntime.Initialize before using llama.cpp.");

    public static LlamaRuntime Initialize(LlamaRuntimeOptions? options = null, ILogger? logger = null)
    {
        lock (s_gate)
        {
            if (s_current is { } current)
            {
                var requested = ResolveDirectory(options);
                return requested == current.LibraryDirectory
                    ? current
                    : throw new LlamaRuntimeException($"llama.cpp is already loaded from {current.LibraryDirectory}; it cannot be reloaded from {requested}.");
            }
            s_current = Load(ResolveDirectory(options), logger ?? NullLogger.Instance);
            return s_current;
        }
    }

    private static string ResolveDirectory(LlamaRuntimeOptions? options)
    {
        var configured = options?.NativeLibraryPath;
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Environment.GetEnvironmentVariable(LlamaRuntimeOptions.LibraryDirectoryVariable);
        }
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? NativeLibraryResolver.DefaultDirectory() : configured);
        return Directory.Exists(directory)
            ? directory
            : throw new LlamaRuntimeException($"llama.cpp library folder {directory} does not exist. Build the solution (it fetches the libraries with npm) or set {LlamaRuntimeOptions.LibraryDirectoryVariable}.");
    }

    private static unsafe LlamaRuntime Load(string directory, ILogger logger)
    {
        NativeLibraryResolver.Install(directory);
        string version;
        try
        {
            version = Marshal.PtrToStringUTF8((nint)Interop.Interop.Llama.Version()) ?? "";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new LlamaRuntimeException($"llama.cpp in {directory} could not be loaded: {e.Message} (needs glibc ≥ 2.34).", e);
        }
        // The npm builds report "0.5.0-dev"; the API is that of the release number before the suffix.
        if (version.Split('-')[0] != ExpectedVersion)
        {
            throw new LlamaRuntimeException($"llama.cpp in {directory} is version '{version}', but EdgeAspire is built against {ExpectedVersion}; its structs differ. Use a {ExpectedVersion} build.");
        }

        NativeLog.Install(logger);
        // Before llama.cpp allocates anything, so every buffer it makes follows the fixed threshold.
        var allocator = GlibcAllocator.Configure();
        LlamaLog.Allocator(logger, allocator);
        Interop.Interop.Llama.BackendInit();
        Interop.Interop.Ggml.BackendLoadAllFromPath(directory);
        CpuThreadpoolApi.Resolve();

        var runtime = new LlamaRuntime(
            directory,
            version,
            BuildInfoOf(directory),
            LoadedCpuVariant() ?? "unknown",
            CpuDeviceDescription(),
            Marshal.PtrToStringUTF8((nint)Interop.Interop.Llama.PrintSystemInfo())?.Trim() ?? "");
        LlamaLog.RuntimeLoaded(logger, runtime.Version, runtime.BuildInfo, directory, runtime.CpuBackend, runtime.CpuDescription, runtime.SystemInfo);
        return runtime;
    }

    private static unsafe string BuildInfoOf(string directory)
    {
        // libllama-common is optional in distribution builds; the build string is informative only.
        try
        {
            NativeLibraryResolver.FindLibrary(directory, Libraries.LlamaCommon);
            return Marshal.PtrToStringUTF8((nint)Interop.Interop.Llama.BuildInfo()) ?? "unknown";
        }
        catch (Exception e) when (e is LlamaRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            return "unknown";
        }
    }

    private static unsafe string CpuDeviceDescription()
    {
        var count = Interop.Interop.Ggml.BackendDeviceCount();
        for (nuint i = 0; i < count; i++)
        {
            var device = Interop.Interop.Ggml.BackendDeviceGet(i);
            if (Marshal.PtrToStringUTF8((nint)Interop.Interop.Ggml.BackendDeviceName(device)) == "CPU")
            {
                return Marshal.PtrToStringUTF8((nint)Interop.Interop.Ggml.BackendDeviceDescription(device))?.Trim() ?? "";
            }
        }
        return "";
    }

    /// <summary>ggml does not report which <c>libggml-cpu-&lt;variant&gt;.so</c> won the scoring; the process's
    /// memory map does.</summary>
    private static string? LoadedCpuVariant()
    {
        const string Prefix = "libggml-cpu-";
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => Path.GetFileName(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? ""))
                .Where(file => file.StartsWith(Prefix, StringComparison.Ordinal) && file.EndsWith(".so", StringComparison.Ordinal))
                .Select(file => file[Prefix.Length..^3])
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}

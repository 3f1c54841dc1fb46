using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary>Maps the names in <see cref="Libraries"/> to absolute paths in one folder. The libraries' RUNPATH is
/// <c>$ORIGIN</c>, so once loaded by path they find each other without symlinks or <c>LD_LIBRARY_PATH</c>.</summary>
internal static class NativeLibraryResolver
{
    private static string? s_directory;

    public static string DefaultDirectory()
    {
        var rid = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "linux-x64",
            Architecture.Arm64 => "linux-arm64",
            var other => throw new LlamaRuntimeException($"No llama.cpp build is shipped for {other}; set {LlamaRuntimeOptions.LibraryDirectoryVariable} to your own build."),
        };
        return Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native");
    }

    /// <summary>Installs the resolver once; a later call must name the same folder.</summary>
    public static void Install(string directory)
    {
        var full = Path.GetFullPath(directory);
        var previous = Interlocked.CompareExchange(ref s_directory, full, null);
        if (previous is null)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        }
        else if (previous != full)
        {
            throw new LlamaRuntimeException($"llama.cpp is already loaded from {previous}; a process can load it from one folder only.");
        }
    }

    public static string FindLibrary(string directory, string name)
    {
        // The npm builds carry the version in the file name; distribution builds usually do not.
        string[] candidates = [$"lib{name}.v{LlamaRuntime.ExpectedVersion}.so", $"lib{name}.so"];
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new LlamaRuntimeException($"llama.cpp library '{name}' not found in {directory} (looked for {string.Join(", ", candidates)}).");
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var directory = s_directory;
        return directory is null ? nint.Zero : NativeLibrary.Load(FindLibrary(directory, name));
    }
}

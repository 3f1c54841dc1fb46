using System.Diagnostics;
using System.Globalization;

namespace EdgeAspire.PromptApi.Admission;

/// <summary>Starts <see cref="ProbeCommand"/> in a child process of this same application.</summary>
internal static class ProbeProcess
{
    /// <summary>Probes one file in a child of its own.</summary>
    /// <returns>Null when the child loaded the file and generated a token; otherwise why the file is refused.</returns>
    public static async Task<string?> RunAsync(string path, string? libraryPath, TimeSpan timeout)
    {
        using var host = new ProbeHost(libraryPath);
        return await host.ProbeAsync(path, timeout).ConfigureAwait(false);
    }

    /// <summary>This application with <paramref name="arguments"/>, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string? libraryPath)
    {
        var (fileName, prefix) = Command();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }
        if (libraryPath is not null)
        {
            info.ArgumentList.Add(ProbeCommand.LibraryArgument);
            info.ArgumentList.Add(libraryPath);
        }
        return info;
    }

    public static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    // A process killed by signal N exits with 128 + N, as a shell reports it.
    public static string Describe(int exitCode) => exitCode switch
    {
        134 => "SIGABRT (a failed GGML_ASSERT or abort)",
        139 => "SIGSEGV (an invalid memory access)",
        137 => "SIGKILL (out of memory?)",
        136 => "SIGFPE (an arithmetic fault)",
        135 => "SIGBUS",
        _ => string.Create(CultureInfo.InvariantCulture, $"exit code {exitCode}"),
    };

    /// <summary>This application again: its own executable when it runs as one (a published build), else the
    /// dotnet host with its assembly (dotnet run, tests).</summary>
    private static (string FileName, string[] Prefix) Command()
    {
        var assembly = typeof(ProbeCommand).Assembly;
        var process = Environment.ProcessPath;
        // Compared whole: GetFileNameWithoutExtension would take "EdgeAspire.PromptApi.Tests" for this executable.
        if (process is not null && Executable(process) == assembly.GetName().Name)
        {
            return (process, []);
        }
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk) ? fromSdk
            : process is not null && Executable(process) == "dotnet" ? process
            : "dotnet";
        return (host, [assembly.Location]);
    }

    private static string Executable(string path) => Path.GetFileName(path) is var name && name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : Path.GetFileName(path);
}

using System.Diagnostics;
using System.Globalization;

namespace EdgeAspire.PromptApi.Admission;

/// <summary>Starts <see cref="ProbeCommand"/> in a child process of this same application and reads its verdict.</summary>
internal static class ProbeProcess
{
    // What stderr holds at the end: llama.cpp prints the failed assert there just before it aborts.
    private const int TailLength = 2048;

    /// <returns>Null when the child loaded the file and generated a token; otherwise why the file is refused.</returns>
    public static async Task<string?> RunAsync(string path, string? libraryPath, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = StartInfo(path, libraryPath) };
        process.Start();
        var tail = ReadTailAsync(process.StandardError);
        var output = ReadTailAsync(process.StandardOutput);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return $"llama.cpp did not load it and generate one token within {timeout} (a probe process was stopped)";
        }
        var message = LastLine(await tail.ConfigureAwait(false)) ?? LastLine(await output.ConfigureAwait(false));
        return process.ExitCode == 0 ? null : $"loading it and generating one token ended a probe process with {Describe(process.ExitCode)}{(message is null ? "" : $": {message}")}";
    }

    private static ProcessStartInfo StartInfo(string path, string? libraryPath)
    {
        var (fileName, prefix) = Command();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat([ProbeCommand.ModelArgument, path]))
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

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        var tail = "";
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            tail = string.Concat(tail, new string(buffer, 0, read));
            tail = tail.Length > TailLength ? tail[^TailLength..] : tail;
        }
        return tail;
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    // A process killed by signal N exits with 128 + N, as a shell reports it.
    private static string Describe(int exitCode) => exitCode switch
    {
        134 => "SIGABRT (a failed GGML_ASSERT or abort)",
        139 => "SIGSEGV (an invalid memory access)",
        137 => "SIGKILL (out of memory?)",
        136 => "SIGFPE (an arithmetic fault)",
        135 => "SIGBUS",
        _ => string.Create(CultureInfo.InvariantCulture, $"exit code {exitCode}"),
    };
}

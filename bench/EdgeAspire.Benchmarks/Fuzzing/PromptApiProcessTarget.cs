using System.Diagnostics;
using System.Globalization;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>The PromptApi as its own process, as it runs in production, so that a native abort ends it visibly
/// instead of taking the fuzzer down; started again after each death or hang.</summary>
internal sealed class PromptApiProcessTarget : IFuzzTarget, IDisposable
{
    private readonly string[] _arguments;
    private Process _server;

    public PromptApiProcessTarget(string modelsFolder, TimeSpan probeTimeout, bool admissionProbe)
    {
        ModelsFolder = modelsFolder;
        _arguments =
        [
            "--PromptApi:ModelsPath", modelsFolder,
            "--PromptApi:ContextSize", "128",
            "--PromptApi:ParallelSequences", "1",
            "--PromptApi:Threads", "1",
            // Loaded variants are never asked for again: a small budget unloads them instead of piling them up.
            "--PromptApi:MemoryBudget", (256L << 20).ToString(CultureInfo.InvariantCulture),
            "--PromptApi:AdmissionProbe", admissionProbe ? "true" : "false",
            "--PromptApi:AdmissionProbeTimeout", probeTimeout.ToString("c", CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Error",
        ];
        (_server, Client) = Start();
    }

    public HttpClient Client { get; private set; }

    public string ModelsFolder { get; }

    public int Restarts { get; private set; }

    public string? Death => _server.HasExited ? Describe(_server.ExitCode) : null;

    public Task RestartAsync()
    {
        Stop();
        // What the dead server was given is no longer wanted, and a stray variant would be judged at every start.
        foreach (var leftover in Directory.EnumerateFiles(ModelsFolder, "fuzz-*"))
        {
            File.Delete(leftover);
        }
        (_server, Client) = Start();
        Restarts++;
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    private (Process, HttpClient) Start() => ServiceProcess.Start("EdgeAspire.PromptApi.dll", "promptapi", _arguments);

    private void Stop()
    {
        Client.Dispose();
        ServiceProcess.Stop(_server);
    }

    // A process killed by signal N exits with 128 + N.
    private static string Describe(int exitCode) => exitCode > 128 ? $"killed by signal {exitCode - 128} (exit {exitCode})" : $"exit {exitCode}";
}

using System.Diagnostics;
using EdgeAspire.Evaluator.Cli;
using Microsoft.Data.Sqlite;

namespace EdgeAspire.Evaluator.Tests.Infrastructure;

/// <summary>The evaluator as a separate process, so a test can kill it the way a power cut or OOM killer would.</summary>
internal sealed class EvaluatorProcess : IDisposable
{
    private readonly Process _process;

    private EvaluatorProcess(Process process) => _process = process;

    public static EvaluatorProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(EvaluatorCli).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new EvaluatorProcess(process);
    }

    /// <summary>Waits until the only run under <paramref name="runs"/> has at least <paramref name="rows"/> rows in
    /// <paramref name="table"/>, then kills the process outright (SIGKILL: no handler runs); returns the run id.</summary>
    public async Task<string> KillAfterRowsAsync(string runs, string table, int rows, CancellationToken cancellationToken)
    {
        while (true)
        {
            Assert.False(_process.HasExited, $"the evaluator ended (exit {(_process.HasExited ? _process.ExitCode : 0)}) before it could be killed mid-run");
            var database = Directory.Exists(runs) ? Directory.GetFiles(runs, "results.db", SearchOption.AllDirectories).SingleOrDefault() : null;
            if (database is not null && Count(database, table) >= rows)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(cancellationToken);
                return Path.GetFileName(Path.GetDirectoryName(database)!);
            }
            await Task.Delay(25, cancellationToken);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private static long Count(string database, string table)
    {
        try
        {
            return ResultsDb.Scalar(database, $"SELECT COUNT(*) FROM {table}");
        }
        catch (SqliteException)
        {
            return 0; // being created or written right now
        }
    }
}

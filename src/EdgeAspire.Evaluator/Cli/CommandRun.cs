using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Backends;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Evaluator.Reports;
using EdgeAspire.Evaluator.Results;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>Runs one command: its errors become one line on stderr, a JSON summary with <c>"ok": false</c> and a
/// non-zero exit code (2 bad input, 3 a dataset source or endpoint that cannot be reached, 1 any other failure,
/// 130 interrupted); the run's status is recorded so it can be resumed.</summary>
internal sealed class CommandRun(CliContext cli, string command)
{
    public const int Ok = 0, Failed = 1, BadInput = 2, Unreachable = 3, Interrupted = 130;

    public RunStore? Store { get; private set; }

    /// <summary>Opens the run's database: a new run, or the one <c>--resume</c> names with the same settings.</summary>
    public RunStore Open(CommandSettings settings, IReadOnlyDictionary<string, string> recorded)
    {
        Store = settings.Resume is { } id
            ? RunStore.Resume(settings.Out, id, command, recorded)
            : RunStore.Create(settings.Out, command, recorded);
        Store.SetEnvironment("host", HostEnvironment.Describe());
        return Store;
    }

    public async Task<int> ExecuteAsync(Func<CommandRun, CancellationToken, Task<JsonObject>> body, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await body(this, cancellationToken).ConfigureAwait(false);
            Store?.SetStatus("complete");
            summary = Ordered(summary);
            if (Store is not null)
            {
                // Every completed run leaves its report beside its results; `report` rewrites it on demand.
                var files = RunReport.Write(Store);
                summary["report"] = files.Markdown;
                summary["html"] = files.Html;
                cli.Out.MarkupLine($"report: [bold]{Markup.Escape(files.Html)}[/]");
            }
            cli.Summary(summary);
            return Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Store?.SetStatus("interrupted");
            return Fail(Interrupted, Store is null ? "interrupted" : $"interrupted; continue with --resume {Store.RunId}");
        }
        catch (Exception e) when (e is DatasetException { Unreachable: true } or BackendException { Unreachable: true })
        {
            Store?.SetStatus("failed");
            var resume = Store is null ? "" : $" (completed measurements are kept; continue with --resume {Store.RunId})";
            return Fail(Unreachable, e.Message + resume);
        }
        catch (Exception e) when (e is UsageException or DatasetException or RunStoreException or ArgumentException or FormatException)
        {
            Store?.SetStatus("failed");
            return Fail(BadInput, e.Message);
        }
        catch (Exception e) when (e is BackendException or HttpRequestException or IOException or SqliteException or InvalidOperationException)
        {
            Store?.SetStatus("failed");
            var resume = Store is null ? "" : $" (completed measurements are kept; continue with --resume {Store.RunId})";
            return Fail(Failed, e.Message + resume);
        }
        finally
        {
            Store?.Dispose();
        }
    }

    private JsonObject Ordered(JsonObject summary)
    {
        var ordered = new JsonObject { ["ok"] = true, ["command"] = command };
        if (Store is not null)
        {
            ordered["run_id"] = Store.RunId;
            ordered["results"] = Path.Combine(Store.Directory, RunStore.FileName);
        }
        foreach (var (key, value) in summary.ToList())
        {
            summary.Remove(key);
            ordered[key] = value;
        }
        return ordered;
    }

    private int Fail(int code, string message)
    {
        var line = message.ReplaceLineEndings(" ");
        cli.ErrorWriter.WriteLine($"error: {line}");
        var summary = new JsonObject { ["ok"] = false, ["command"] = command, ["error"] = line, ["exit_code"] = code };
        if (Store is not null)
        {
            summary["run_id"] = Store.RunId;
        }
        cli.Summary(summary);
        return code;
    }
}

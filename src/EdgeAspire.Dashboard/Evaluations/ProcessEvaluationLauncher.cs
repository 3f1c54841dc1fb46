using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace EdgeAspire.Dashboard.Evaluations;

/// <summary>Runs the Evaluator (<see cref="DashboardOptions.EvaluatorPath"/>) as a child process per run and reads
/// its contract: progress on its output, a one-line JSON summary as the last stdout line
/// (<c>{"ok", "run_id", "report", "html", …}</c> or <c>{"ok": false, "error", …}</c>), the exit code.</summary>
public sealed class ProcessEvaluationLauncher(IOptions<DashboardOptions> options, TimeProvider time) : IEvaluationLauncher, IDisposable
{
    private readonly ConcurrentDictionary<string, EvaluationProcess> _runs = new(StringComparer.Ordinal);

    public bool IsAvailable => !string.IsNullOrWhiteSpace(options.Value.EvaluatorPath);

    public EvaluationRunStatus Start(EvaluationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var evaluator = options.Value.EvaluatorPath;
        if (string.IsNullOrWhiteSpace(evaluator))
        {
            throw new InvalidOperationException("no Evaluator configured (Dashboard:EvaluatorPath)");
        }
        var output = options.Value.EvaluationOutputPath ?? Path.Combine(Path.GetTempPath(), "edgeaspire-dashboard-evals");
        Directory.CreateDirectory(output);

        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (evaluator.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(evaluator);
        }
        else
        {
            start.FileName = evaluator;
        }
        foreach (var argument in Arguments(request, output))
        {
            start.ArgumentList.Add(argument);
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        var run = new EvaluationProcess(id, request, time.GetUtcNow(), time);
        _runs[id] = run;
        run.Start(start);
        return run.Status();
    }

    public IReadOnlyList<EvaluationRunStatus> List() =>
        [.. _runs.Values.Select(r => r.Status()).OrderByDescending(s => s.Started)];

    public EvaluationRunStatus? Find(string id) => _runs.TryGetValue(id, out var run) ? run.Status() : null;

    /// <summary>Runs do not outlive the dashboard: a killed run can be continued with the Evaluator's --resume.</summary>
    public void Dispose()
    {
        foreach (var run in _runs.Values)
        {
            run.Dispose();
        }
    }

    private static List<string> Arguments(EvaluationRequest request, string output)
    {
        List<string> arguments = [request.Workload, "--endpoint", request.Endpoint, "--model", request.Model,
            "--limit", request.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output];
        if (!string.IsNullOrWhiteSpace(request.Dataset))
        {
            arguments.AddRange(["--dataset", request.Dataset]);
        }
        return arguments;
    }

    /// <summary>Reads the summary line; null when the line is not JSON (the process died before printing one).</summary>
    internal static JsonObject? ParseSummary(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.TrimStart().StartsWith('{'))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

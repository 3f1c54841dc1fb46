using System.ComponentModel.DataAnnotations;

namespace EdgeAspire.Dashboard;

/// <summary>Settings of the dashboard (configuration section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Spans kept in memory; the oldest go first.</summary>
    [Range(1, 10_000_000)]
    public int MaxSpans { get; set; } = 100_000;

    [Range(1, 10_000_000)]
    public int MaxLogRecords { get; set; } = 50_000;

    /// <summary>Metric data points kept (one per instrument, attribute set and export interval).</summary>
    [Range(1, 10_000_000)]
    public int MaxMetricPoints { get; set; } = 200_000;

    /// <summary>Largest OTLP body accepted, after gzip decompression; a larger one gets 413. The .NET exporter
    /// batches 512 spans by default, well below this even with a token event per token.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>A service that has sent nothing for this long is shown as silent by the default resource provider.</summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Evaluator to start from the Evaluations page: its <c>edgeaspire-eval.dll</c> (run with
    /// <c>dotnet</c>) or an executable. Unset: the page says evaluations are not available.</summary>
    public string? EvaluatorPath { get; set; }

    /// <summary>Where evaluation runs write (their <c>--out</c>); default: a folder under the temp folder.</summary>
    public string? EvaluationOutputPath { get; set; }

    /// <summary>The endpoint the Evaluations form proposes, e.g. the gateway's <c>http://127.0.0.1:8080/v1</c>.</summary>
    public string? DefaultEvaluationEndpoint { get; set; }
}

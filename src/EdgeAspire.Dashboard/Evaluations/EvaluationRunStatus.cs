namespace EdgeAspire.Dashboard.Evaluations;

/// <summary>A run as the page shows it.</summary>
/// <param name="Id">The dashboard's id of the run (the Evaluator's own run id is <paramref name="RunId"/>, known
/// once it has printed its summary).</param>
/// <param name="Progress">The Evaluator's latest output line.</param>
/// <param name="ReportHtml">The run's <c>report.html</c>, which the dashboard serves at
/// <c>/api/evaluations/{id}/report</c>.</param>
/// <param name="Summary">The one-line JSON summary, as printed.</param>
public sealed record EvaluationRunStatus(
    string Id,
    EvaluationRequest Request,
    EvaluationState State,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    string Progress,
    string? RunId,
    string? ReportHtml,
    string? Summary,
    string? Error,
    int? ExitCode);

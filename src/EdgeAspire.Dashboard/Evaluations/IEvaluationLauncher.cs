namespace EdgeAspire.Dashboard.Evaluations;

/// <summary>Starts Evaluator runs from the Evaluations page and reports on them. The default,
/// <see cref="ProcessEvaluationLauncher"/>, runs <c>edgeaspire-eval</c> as a child process; the AppHost may run it as
/// one of its resources instead.</summary>
public interface IEvaluationLauncher
{
    /// <summary>False when no Evaluator is configured: the page then says so instead of offering a form.</summary>
    bool IsAvailable { get; }

    /// <exception cref="ArgumentException">The request is invalid (unknown workload, missing model…).</exception>
    EvaluationRunStatus Start(EvaluationRequest request);

    /// <summary>Runs started since the dashboard started, newest first.</summary>
    IReadOnlyList<EvaluationRunStatus> List();

    EvaluationRunStatus? Find(string id);
}

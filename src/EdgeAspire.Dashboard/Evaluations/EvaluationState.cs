namespace EdgeAspire.Dashboard.Evaluations;

public enum EvaluationState
{
    Running,
    Succeeded,
    Failed,
}

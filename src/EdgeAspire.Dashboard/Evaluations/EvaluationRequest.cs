namespace EdgeAspire.Dashboard.Evaluations;

/// <summary>An Evaluator run as the form asks for it: <c>edgeaspire-eval {Workload} --endpoint {Endpoint} --model
/// {Model} --limit {Limit}</c>.</summary>
/// <param name="Workload"><c>winogrande</c> or <c>conversations</c>.</param>
/// <param name="Dataset">A local file or <c>hub</c>; null: the Evaluator's default.</param>
public sealed record EvaluationRequest(string Workload, string Endpoint, string Model, int Limit, string? Dataset = null)
{
    public static readonly IReadOnlyList<string> Workloads = ["winogrande", "conversations"];

    public void Validate()
    {
        if (!Workloads.Contains(Workload))
        {
            throw new ArgumentException($"workload must be one of: {string.Join(", ", Workloads)}");
        }
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("endpoint must be an absolute http(s) URL, e.g. http://127.0.0.1:8080/v1");
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("model is required");
        }
        if (Limit is < 1 or > 100_000)
        {
            throw new ArgumentException("limit must be between 1 and 100000");
        }
    }
}

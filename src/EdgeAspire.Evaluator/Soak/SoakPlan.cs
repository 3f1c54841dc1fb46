namespace EdgeAspire.Evaluator.Soak;

/// <summary>What a soak run does: how long, how many clients, against which server and models.</summary>
/// <param name="Endpoint">The OpenAI-compatible base URL (its <c>/v1</c>).</param>
/// <param name="Pid">The server's process when it runs on this machine: RSS, CPU, threads and open files come from
/// <c>/proc</c>; otherwise from the server's Prometheus <paramref name="MetricsUrl"/>.</param>
/// <param name="Baseline">The sample growth is measured from: minute 10 of an hour, after start-up and the first
/// model loads have settled.</param>
public sealed record SoakPlan(
    Uri Endpoint,
    IReadOnlyList<string> Models,
    TimeSpan Duration,
    int Clients,
    TimeSpan SampleInterval,
    TimeSpan Baseline,
    int MaxTokens,
    long Seed,
    int? Pid,
    Uri MetricsUrl,
    string? ApiKey,
    TimeSpan RequestTimeout);

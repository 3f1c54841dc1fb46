namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>What one variant did to the server. <see cref="Class"/> is what the report counts: <c>ok</c>, the
/// error code of a 4xx refusal, or a failure class (<c>5xx …</c>, <c>death</c>, <c>hang</c>, …).</summary>
internal sealed record FuzzOutcome(FuzzVerdict Verdict, string Class, string? Detail = null)
{
    public bool IsFailure => Verdict is not (FuzzVerdict.Served or FuzzVerdict.Refused);
}

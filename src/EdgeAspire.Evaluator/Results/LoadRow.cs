namespace EdgeAspire.Evaluator.Results;

/// <summary>One request of a load phase. <see cref="Status"/> is the HTTP status (200 ok, 429 refused, 0 no answer).</summary>
public sealed record LoadRow(string Model, string Phase, int Seq, string Mode, double Level, double StartMs, double LatencyMs, double? TtftMs, int CompletionTokens, int Status, string? Error);
